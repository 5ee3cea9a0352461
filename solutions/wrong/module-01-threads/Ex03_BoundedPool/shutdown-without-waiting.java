// Wrong: shutdown() without waiting: when a task fails, runAll throws while the other tasks still run
// Caught by: failureClosesThePoolAndWaits
package course.threads;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;

public final class Ex03_BoundedPool {

    private Ex03_BoundedPool() {
    }

    public static <T> List<T> runAll(List<? extends Callable<T>> tasks, int maxThreads, ThreadFactory threadFactory)
            throws InterruptedException, ExecutionException {
        ExecutorService pool = Executors.newFixedThreadPool(maxThreads, threadFactory);
        try {
            List<Future<T>> futures = new ArrayList<>();
            for (Callable<T> task : tasks) {
                futures.add(pool.submit(task));
            }
            List<T> results = new ArrayList<>();
            for (Future<T> future : futures) {
                results.add(future.get());
            }
            return results;
        } finally {
            pool.shutdown();                                      // asks it to stop, does not wait for it
        }
    }
}
