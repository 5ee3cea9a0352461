// Wrong: starts a virtual thread per task but collects the results in the order they finish
// Caught by: resultsInTaskOrder
package course.threads;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ConcurrentLinkedQueue;

public final class Ex09_VirtualThreads {

    private Ex09_VirtualThreads() {
    }

    public static <T> List<T> runAllOnVirtualThreads(List<? extends Callable<T>> tasks)
            throws InterruptedException, ExecutionException {
        ConcurrentLinkedQueue<T> results = new ConcurrentLinkedQueue<>();
        List<Thread> threads = new ArrayList<>();
        for (Callable<T> task : tasks) {
            threads.add(Thread.ofVirtual().start(() -> {
                try {
                    results.add(task.call());
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }));
        }
        for (Thread thread : threads) {
            thread.join();
        }
        return new ArrayList<>(results);
    }
    public static Duration timeOnPlatformPool(int tasks, Duration eachWait, int poolThreads) {
        long rounds = (tasks + poolThreads - 1L) / poolThreads;
        return eachWait.multipliedBy(rounds);
    }
}

