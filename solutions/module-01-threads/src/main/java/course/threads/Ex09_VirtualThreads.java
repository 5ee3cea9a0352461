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
 * <p>A virtual thread is a thread the JVM schedules onto a few platform "carrier" threads (as many
 * as the cores by default). When it blocks (sleep, a socket read, a lock, a queue, and since JDK 24
 * also inside {@code synchronized}, JEP 491), the JVM unmounts it: its stack frames move to the heap
 * and the carrier runs another virtual thread. Measured on JDK 25: about 2 KB of live heap for a
 * virtual thread parked in {@code CountDownLatch.await} 8-10 frames deep (more with deeper stacks:
 * 3.6-9.5 KB at about 110 frames), against about 45 KiB of resident memory plus a 16 KiB kernel
 * stack for a parked platform thread (see the module's NOTES.md). So 10,000 blocked virtual threads cost about 20 MB of heap, and you keep
 * writing plain blocking code: no callbacks, no futures to compose.
 *
 * <p>The arithmetic of the alternative: 10,000 waits of 100 ms on a pool of 2 platform threads
 * run 2 at a time, 5,000 rounds of 100 ms = 500 s. On virtual threads they all wait together:
 * about 100 ms. (Virtual threads do not make computing faster: CPU work still has only the
 * cores, and the JDK's scheduler does not time-slice virtual threads, so one that computes without
 * blocking keeps its carrier until it blocks or ends; the kernel still preempts the carrier.)
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
