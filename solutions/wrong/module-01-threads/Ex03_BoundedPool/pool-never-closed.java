// Wrong: a pool that is never shut down: its threads stay alive after runAll returns
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
        List<T> results = new ArrayList<>();
        for (Future<T> future : pool.invokeAll(tasks)) {
            results.add(future.get());
        }
        return results;
    }
}
