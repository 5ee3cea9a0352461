// Wrong: error path: a unit that throws inside its event-loop task never completes its promise, so the caller waits a whole minute and then gets no useful error
// Caught by: aFailingUnitFailsTheCall
package course.benchmarks;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;

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
        Context loop = vertx.getOrCreateContext(); // one event-loop context: the tasks run on its thread
        List<Future<T>> results = new ArrayList<>(units);
        for (int id = 0; id < units; id++) {
            int unit = id;
            Promise<T> result = Promise.promise();
            loop.runOnContext(ignored -> result.complete(work.apply(unit)));
            results.add(result.future());
        }
        return joinAll(results);
    }

    @Override
    public <T> List<T> waitThen(int units, Duration pause, IntFunction<T> afterWait) throws Exception {
        List<Future<T>> results = new ArrayList<>(units);
        for (int id = 0; id < units; id++) {
            int unit = id;
            // A timer is an entry in the event loop's schedule; the callback runs on the loop when it fires.
            results.add(vertx.timer(pause.toMillis(), TimeUnit.MILLISECONDS).map(ignored -> afterWait.apply(unit)));
        }
        return joinAll(results);
    }

    @Override
    public <T> List<T> compute(int units, IntFunction<T> work) throws Exception {
        List<Future<T>> results = new ArrayList<>(units);
        for (int id = 0; id < units; id++) {
            int unit = id;
            // The worker pool, not the loop. ordered=false: jobs from the same calling context may run side by
            // side (ordered, the default, would queue them behind each other whenever we are called from one context).
            results.add(vertx.executeBlocking(() -> work.apply(unit), false));
        }
        return joinAll(results);
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
