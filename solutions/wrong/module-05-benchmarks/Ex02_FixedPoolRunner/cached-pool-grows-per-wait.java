// Wrong: a cached pool grows a thread for every waiting unit, so waits never block the pool
// Caught by: waitsBlockThePoolThreads
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

    private final ExecutorService pool = Executors.newCachedThreadPool();

    @Override
    public <T> List<T> spawn(int units, IntFunction<T> work) throws Exception {
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

    @Override
    public <T> List<T> waitThen(int units, Duration pause, IntFunction<T> afterWait) throws Exception {
        return spawn(units, id -> {
            ScenarioRunner.blockingSleep(pause);
            return afterWait.apply(id);
        });
    }

    @Override
    public void close() {
        pool.close();
    }
}
