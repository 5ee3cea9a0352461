// Wrong: a pool of 200 threads per call: enough for the 200 units a test uses, but units above 200 queue instead of getting a thread
// Caught by: allUnitsRunAtOnce
package course.benchmarks;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntFunction;

public final class Ex01_PlatformThreadRunner implements ScenarioRunner {

    @Override
    public <T> List<T> spawn(int units, IntFunction<T> work) throws Exception {
        try (ExecutorService pool = Executors.newFixedThreadPool(200)) {
            List<Callable<T>> tasks = new ArrayList<>(units);
            for (int id = 0; id < units; id++) {
                int unit = id;
                tasks.add(() -> work.apply(unit));
            }
            List<T> results = new ArrayList<>(units);
            for (Future<T> future : pool.invokeAll(tasks)) {
                results.add(future.get());
            }
            return results;
        }
    }

    @Override
    public <T> List<T> waitThen(int units, Duration pause, IntFunction<T> afterWait) throws Exception {
        return spawn(units, id -> {
            ScenarioRunner.blockingSleep(pause);
            return afterWait.apply(id);
        });
    }
}
