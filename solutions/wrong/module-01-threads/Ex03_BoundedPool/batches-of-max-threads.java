// Wrong: runs the tasks in batches of maxThreads, a new thread per task: the cap holds but slots never refill and threads are not reused
// Caught by: neverMoreThanMaxThreads
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
        List<T> results = new ArrayList<>();
        for (int start = 0; start < tasks.size(); start += maxThreads) {
            List<? extends Callable<T>> batch = tasks.subList(start, Math.min(tasks.size(), start + maxThreads));
            List<java.util.concurrent.FutureTask<T>> running = new ArrayList<>();
            List<Thread> threads = new ArrayList<>();
            for (Callable<T> task : batch) {
                java.util.concurrent.FutureTask<T> future = new java.util.concurrent.FutureTask<>(task);
                Thread thread = threadFactory.newThread(future);
                thread.start();
                running.add(future);
                threads.add(thread);
            }
            for (Thread thread : threads) {
                thread.join();
            }
            for (Future<T> future : running) {
                results.add(future.get());
            }
        }
        return results;
    }
}
