// Wrong: a fixed pool of 200 virtual threads, kept for the runner: virtual threads, but pooled and reused, and only 200 units run at once
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

    /** Virtual threads are cheap, but let's not overdo it. */
    private final ExecutorService pool = Executors.newFixedThreadPool(200, Thread.ofVirtual().factory());

    @Override
    public <T> List<T> spawn(int units, IntFunction<T> work) throws Exception {
        List<Future<T>> futures = new ArrayList<>(units);
        for (int id = 0; id < units; id++) {
            int unit = id;
            futures.add(pool.submit(() -> work.apply(unit)));
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

    @Override
    public void close() {
        pool.close();
    }
}
