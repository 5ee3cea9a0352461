// Wrong: one sleep on the caller stands in for every unit's wait; no virtual thread ever parks
// Caught by: eachUnitWaitsOnItsOwnVirtualThread
package course.benchmarks;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntFunction;

public final class Ex03_VirtualThreadRunner implements ScenarioRunner {

    @Override
    public <T> List<T> spawn(int units, IntFunction<T> work) throws Exception {
        try (ExecutorService perUnit = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<T>> futures = new ArrayList<>(units);
            for (int id = 0; id < units; id++) {
                int unit = id;
                futures.add(perUnit.submit(() -> work.apply(unit)));
            }
            List<T> results = new ArrayList<>(units);
            for (Future<T> future : futures) {
                results.add(future.get());
            }
            return results;
        }
    }

    @Override
    public <T> List<T> waitThen(int units, Duration pause, IntFunction<T> afterWait) throws Exception {
        ScenarioRunner.blockingSleep(pause); // the same pause for all: once is enough
        return spawn(units, afterWait);
    }
}
