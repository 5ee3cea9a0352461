// Wrong: never closes the pool: its threads outlive the call
package course.threads;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;

/**
 * Ex03 · A bounded pool instead of a thread per task, shut down cleanly.
 *
 * <p>A thread per task is fine for four tasks and a disaster for forty thousand: each costs a
 * stack, a kernel object and a start-up (Ex08 measures it). A fixed pool of K threads takes
 * any number of tasks from a queue and never runs more than K at once, so the machine's load
 * stays bounded whatever the caller asks for.
 *
 * <p>A pool's threads are not daemon threads and do not die on their own: a pool you forget to
 * shut down keeps them alive (and can keep the JVM running). An ExecutorService is
 * AutoCloseable since Java 19: close() shuts it down and waits for the tasks to finish.
 *
 * <p>Solution note: the try-with-resources block also closes the pool when a task fails and
 * get() throws, so no path leaves threads behind.
 */
public final class Ex03_BoundedPool {

    private Ex03_BoundedPool() {
    }

    /**
     * Runs every task on a pool of at most {@code maxThreads} threads made by
     * {@code threadFactory}, returns the results in the order of {@code tasks}, and returns only
     * once the pool is shut down. If a task fails, its ExecutionException is thrown.
     */
    public static <T> List<T> runAll(List<? extends Callable<T>> tasks, int maxThreads, ThreadFactory threadFactory)
            throws InterruptedException, ExecutionException {
        ExecutorService pool = Executors.newFixedThreadPool(maxThreads, threadFactory);
        {
            List<Future<T>> futures = pool.invokeAll(tasks);      // queued; at most maxThreads run at once
            List<T> results = new ArrayList<>(futures.size());
            for (Future<T> future : futures) {
                results.add(future.get());                        // in input order, whatever finished first
            }
            return results;
        }                                                         // never closed: its threads live on
    }
}
