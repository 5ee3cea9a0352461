package course.benchmarks;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntFunction;

/**
 * Ex02 · A fixed pool sized to the cores: pay for the threads once, reuse them for every unit.
 *
 * <p>The pool's threads are created when the runner is, so a unit costs only a queue hand-off.
 * That is the right shape for CPU work: as many busy threads as cores, no more. It is the wrong
 * shape for waiting: a unit that sleeps holds one of the few threads, so 1,000 waits of 10 ms
 * on 2 threads take 1,000 x 10 / 2 = 5 seconds. The benchmark shows exactly that.
 *
 * <p>Solution: invokeAll submits every unit and returns when all are done, results in order.
 */
public final class Ex02_FixedPoolRunner implements ScenarioRunner {

    /** As many threads as the JVM sees cores: the most that can compute at once. */
    private final ExecutorService pool = Executors.newFixedThreadPool(Runtime.getRuntime().availableProcessors());

    @Override
    public <T> List<T> spawn(int units, IntFunction<T> work) throws Exception {
        List<Callable<T>> tasks = new ArrayList<>(units);
        for (int id = 0; id < units; id++) {
            int unit = id;
            tasks.add(() -> work.apply(unit));
        }
        List<T> results = new ArrayList<>(units);
        for (Future<T> future : pool.invokeAll(tasks)) {
            results.add(future.get()); // already done: get() only rethrows a unit's failure
        }
        return results;
    }

    @Override
    public <T> List<T> waitThen(int units, Duration pause, IntFunction<T> afterWait) throws Exception {
        // Same units, but each one blocks its pool thread while it sleeps: the pool's honest cost.
        return spawn(units, id -> {
            ScenarioRunner.blockingSleep(pause);
            return afterWait.apply(id);
        });
    }

    @Override
    public void close() {
        pool.close(); // Java 19+: shutdown, then wait for the queued units to finish
    }
}
