package course.benchmarks;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.IntFunction;

/**
 * Ex02 · A fixed pool sized to the cores: pay for the threads once, reuse them for every unit.
 *
 * <p>The pool's threads are created when the runner is, so a unit costs only a queue hand-off.
 * That is the right shape for CPU work: as many busy threads as cores, no more. It is the wrong
 * shape for waiting: a unit that sleeps holds one of the few threads, so 1,000 waits of 10 ms
 * on 2 threads take 1,000 x 10 / 2 = 5 seconds. The benchmark shows exactly that.
 */
public final class Ex02_FixedPoolRunner implements ScenarioRunner {

    /** As many threads as the JVM sees cores: the most that can compute at once. */
    private final ExecutorService pool = Executors.newFixedThreadPool(Runtime.getRuntime().availableProcessors());

    @Override
    public <T> List<T> spawn(int units, IntFunction<T> work) throws Exception {
        // TODO: build one Callable per id (() -> work.apply(id)), hand them all to pool.invokeAll(...)
        //  (it returns when every unit is done, futures in the same order), and return each future.get().
        //  Never create threads or another pool here: reusing these threads is the point.
        throw new UnsupportedOperationException("Ex02 not implemented yet: run the units on the pool with invokeAll");
    }

    @Override
    public <T> List<T> waitThen(int units, Duration pause, IntFunction<T> afterWait) throws Exception {
        // TODO: reuse spawn: each unit calls ScenarioRunner.blockingSleep(pause), then returns
        //  afterWait.apply(id). (Yes, it blocks a pool thread: measuring that cost is the point.)
        throw new UnsupportedOperationException("Ex02 not implemented yet: each unit sleeps on a pool thread, then returns afterWait.apply(id)");
    }

    @Override
    public void close() {
        pool.close(); // Java 19+: shutdown, then wait for the queued units to finish
    }
}
