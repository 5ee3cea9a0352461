package course.threads;

import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
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
        // TODO: run any number of tasks on at most maxThreads threads (and really that many at
        //  once), all made by threadFactory; return the results in task order, and leave no pool
        //  thread behind, on the success path and the failure path alike.
        throw new UnsupportedOperationException("Ex03 not implemented yet: run the tasks on at most maxThreads threads and leave none behind");
    }
}
