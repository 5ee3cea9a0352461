package course.threads;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Ex09 · Virtual threads: the same blocking code, ten thousand at a time.
 *
 * <p>A virtual thread is a thread the JVM schedules, not the kernel. When it blocks (sleep, a
 * socket read, a lock), the JVM copies its few stack frames to the heap (hundreds of bytes to a
 * few KiB) and its carrier (a platform thread, one per core) picks up another. So 10,000 blocked virtual
 * threads cost 10,000 small heap objects instead of 10,000 kernel threads, and you keep writing
 * plain blocking code: no callbacks, no futures to compose.
 *
 * <p>The arithmetic of the alternative: 10,000 waits of 100 ms on a pool of 2 platform threads
 * run 2 at a time, 5,000 rounds of 100 ms = 500 s. On virtual threads they all wait together:
 * about 100 ms. (Virtual threads do not make computing faster: CPU work still has only the
 * cores, and a virtual thread that never blocks holds its carrier.)
 *
 * <p>Solution note: never pool virtual threads; the "pool" is the carrier pool the JVM already
 * has. To limit how many run at once (a database allows 20 connections), use a Semaphore.
 */
public final class Ex09_VirtualThreads {

    private Ex09_VirtualThreads() {
    }

    /** Runs every task on its own virtual thread, all at once, and returns the results in task order. */
    public static <T> List<T> runAllOnVirtualThreads(List<? extends Callable<T>> tasks)
            throws InterruptedException, ExecutionException {
        try (ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<T>> futures = executor.invokeAll(tasks);  // a new virtual thread per task
            List<T> results = new ArrayList<>(futures.size());
            for (Future<T> future : futures) {
                results.add(future.get());
            }
            return results;
        }
    }

    /**
     * How long {@code tasks} blocking waits of {@code eachWait} take on a fixed pool of
     * {@code poolThreads} platform threads: they run in rounds of {@code poolThreads}.
     */
    public static Duration timeOnPlatformPool(int tasks, Duration eachWait, int poolThreads) {
        long rounds = (tasks + poolThreads - 1L) / poolThreads;   // a partial last round is a full wait
        return eachWait.multipliedBy(rounds);
    }
}
