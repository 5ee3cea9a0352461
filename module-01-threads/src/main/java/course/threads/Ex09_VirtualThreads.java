package course.threads;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;

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
 */
public final class Ex09_VirtualThreads {

    private Ex09_VirtualThreads() {
    }

    /** Runs every task on its own virtual thread, all at once, and returns the results in task order. */
    public static <T> List<T> runAllOnVirtualThreads(List<? extends Callable<T>> tasks)
            throws InterruptedException, ExecutionException {
        // TODO: run every task on a thread of its own, all of them waiting at the same time (the
        //  test sends 10,000), and return the results in task order. Ex03 made you choose a pool
        //  size: what is the right size here?
        throw new UnsupportedOperationException("Ex09 not implemented yet: run every task on a thread of its own, all waiting at once");
    }

    /**
     * How long {@code tasks} blocking waits of {@code eachWait} take on a fixed pool of
     * {@code poolThreads} platform threads: they run in rounds of {@code poolThreads}.
     */
    public static Duration timeOnPlatformPool(int tasks, Duration eachWait, int poolThreads) {
        // TODO: the time these waits take in rounds of poolThreads at a time. Mind the last round,
        //  which may be only partly full.
        throw new UnsupportedOperationException("Ex09 not implemented yet: how long the waits take in rounds of poolThreads");
    }
}
