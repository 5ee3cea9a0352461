// Wrong: at most 1,000 virtual threads at once (a pool of 1,000 per call): units above 1,000 queue instead of running
// Caught by: tenThousandUnitsRunAtOnce
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
        try (ExecutorService perUnit = Executors.newFixedThreadPool(1000, Thread.ofVirtual().factory())) {
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
        return spawn(units, id -> {
            ScenarioRunner.blockingSleep(pause);
            return afterWait.apply(id);
        });
    }
}
