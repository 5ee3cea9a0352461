// Wrong: a cached pool reuses its threads across units and calls (and is never shut down), so a unit is not a new thread
// Caught by: eachUnitHasItsOwnPlatformThread
package course.benchmarks;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntFunction;

public final class Ex01_PlatformThreadRunner implements ScenarioRunner {

    /** Grows a thread whenever none is idle, so every unit still gets a thread when it needs one. */
    private final ExecutorService threads = Executors.newCachedThreadPool();

    @Override
    public <T> List<T> spawn(int units, IntFunction<T> work) throws Exception {
        List<Future<T>> futures = new ArrayList<>(units);
        for (int id = 0; id < units; id++) {
            int unit = id;
            futures.add(threads.submit(() -> work.apply(unit)));
        }
        List<T> results = new ArrayList<>(units);
        for (Future<T> future : futures) {
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
}
