// Wrong: a fixed pool of platform threads sized to the cores, the CPU-work habit applied to waiting work
// Caught by: tenThousandWaitsAtOnce
package course.threads;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

public final class Ex09_VirtualThreads {

    private Ex09_VirtualThreads() {
    }

    public static <T> List<T> runAllOnVirtualThreads(List<? extends Callable<T>> tasks)
            throws InterruptedException, ExecutionException {
        try (ExecutorService executor = Executors.newFixedThreadPool(Runtime.getRuntime().availableProcessors())) {
            List<T> results = new ArrayList<>();
            for (Future<T> future : executor.invokeAll(tasks)) {
                results.add(future.get());
            }
            return results;
        }
    }
    public static Duration timeOnPlatformPool(int tasks, Duration eachWait, int poolThreads) {
        long rounds = (tasks + poolThreads - 1L) / poolThreads;
        return eachWait.multipliedBy(rounds);
    }
}

