// Wrong: the virtual-thread scheduler is pinned to two carriers (a system property set before the first virtual thread): right on a 2-core machine, and CPU units use only two cores anywhere else
// Caught by: computeUsesEveryCoreOnAnyMachine
package course.benchmarks;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntFunction;

public final class Ex03_VirtualThreadRunner implements ScenarioRunner {

    static {
        // "Pin the virtual threads to two carriers, like the 2-core machine the pool runs on: a fair comparison."
        System.setProperty("jdk.virtualThreadScheduler.parallelism", "2");
        System.setProperty("jdk.virtualThreadScheduler.maxPoolSize", "2");
    }

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
        // Thread.sleep on a virtual thread parks it and frees its carrier: blocking code, no blocked OS thread.
        return spawn(units, id -> {
            ScenarioRunner.blockingSleep(pause);
            return afterWait.apply(id);
        });
    }
}
