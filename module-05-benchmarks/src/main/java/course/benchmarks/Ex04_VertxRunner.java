package course.benchmarks;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;

/**
 * Ex04 · Vert.x: units are tasks on an event loop, waits are timers, CPU work goes to workers.
 *
 * <p>An event-loop task is a lambda in a queue: creating one costs a few hundred nanoseconds and
 * no thread. A wait is a timer: no thread is held while it runs, so 1,000 waits cost 1,000 small
 * timer entries. But the loop runs one task at a time, so a task that computes for 50 ms stalls
 * everything else on that loop: CPU work is moved to the worker pool with executeBlocking. Mind
 * its ordering: ordered (the default) runs the jobs submitted from one context one at a time. From
 * a thread outside Vert.x every call gets a fresh context, so ordering never bites there; called
 * from a verticle or a handler (one context), ordered jobs queue behind each other.
 */
public final class Ex04_VertxRunner implements ScenarioRunner {

    /** The longest a scenario may take before the caller gives up (a lost promise must not hang a benchmark). */
    private static final long GIVE_UP_SECONDS = 60;

    private final Vertx vertx;

    /** A runner on its own Vert.x instance (what the benchmark uses). */
    public Ex04_VertxRunner() {
        this(Vertx.vertx());
    }

    /** A runner on the given Vert.x instance, which {@link #close()} closes (the tests pass one they can watch). */
    public Ex04_VertxRunner(Vertx vertx) {
        this.vertx = vertx;
    }

    @Override
    public <T> List<T> spawn(int units, IntFunction<T> work) throws Exception {
        // TODO: run every unit as a task on an event loop (not on a worker thread), all of them queued
        //  before you wait for any, and return the results in id order. A task returns nothing: each
        //  unit needs a future its task completes; joinAll (below) waits for a list of them.
        //  Stuck? ./mvnw -q -Dcourse="hint Ex04" (or read module-05-benchmarks/hints/).
        throw new UnsupportedOperationException("Ex04 not implemented yet: each unit is a task on an event loop");
    }

    @Override
    public <T> List<T> waitThen(int units, Duration pause, IntFunction<T> afterWait) throws Exception {
        // TODO: every unit waits `pause` WITHOUT holding any thread (not the event loop's, not a worker's),
        //  then afterWait.apply(id) runs on the event loop. Each unit waits on its own.
        throw new UnsupportedOperationException("Ex04 not implemented yet: each unit waits without holding a thread");
    }

    @Override
    public <T> List<T> compute(int units, IntFunction<T> work) throws Exception {
        // TODO: CPU units must never run on an event loop (they would stall it), and must run side by side
        //  on Vert.x's own worker threads, even when compute is called from inside one Vert.x context.
        throw new UnsupportedOperationException("Ex04 not implemented yet: CPU units off the event loop, side by side");
    }

    /** Waits (on the caller's thread) until every future is done and returns their results in order. */
    private static <T> List<T> joinAll(List<Future<T>> futures) throws Exception {
        Future.all(futures).await(GIVE_UP_SECONDS, TimeUnit.SECONDS);
        List<T> results = new ArrayList<>(futures.size());
        for (Future<T> future : futures) {
            results.add(future.result());
        }
        return results;
    }

    @Override
    public void close() {
        vertx.close().await();
    }
}
