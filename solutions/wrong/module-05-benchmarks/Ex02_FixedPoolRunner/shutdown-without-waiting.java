// Wrong: lifecycle: close() calls shutdown() and returns at once, while units are still running on the pool
// Caught by: closeWaitsForUnitsInFlight
package course.benchmarks;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntFunction;

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
        pool.shutdown(); // "no new units; the running ones will end by themselves"
    }
}
