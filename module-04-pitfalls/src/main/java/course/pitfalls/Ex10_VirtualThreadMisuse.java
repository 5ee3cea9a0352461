package course.pitfalls;

import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.LongSupplier;

/**
 * Ex10 · Virtual threads used like platform threads, and for CPU work.
 *
 * <p>Two habits from the platform-thread world backfire. Pooling virtual threads (a fixed pool of
 * 4 "because threads are expensive") brings back the queue they were meant to remove; a pool was
 * never the right tool to limit concurrency anyway: a {@link java.util.concurrent.Semaphore} is.
 * And the JDK's scheduler does not time-slice virtual threads: one keeps its carrier thread until it
 * blocks (the OS still preempts the carriers, but only to run other threads). CPU-bound work on
 * virtual threads keeps their few carriers busy, so every virtual thread that merely waited for
 * I/O cannot get back on a carrier until the CPU work ends.
 */
public final class Ex10_VirtualThreadMisuse implements AutoCloseable {

    // TODO: symptoms: partner calls crawl 4 at a time although the partner accepts partnerLimit at once
    //  (never more); and while a batch of CPU work runs, every waiting call, even a 10 ms sleep,
    //  stalls until the batch is done. callPartner must never block its caller.
    private final ExecutorService calls = Executors.newFixedThreadPool(4, Thread.ofVirtual().factory());
    // Runs the CPU work (see the second symptom above).
    private final ExecutorService cpu = Executors.newVirtualThreadPerTaskExecutor();

    /** @param partnerLimit how many calls the partner API accepts at once */
    public Ex10_VirtualThreadMisuse(int partnerLimit) {
        // The pool above is the limit, so partnerLimit is not needed... or is it?
    }

    /** Calls the partner API (a blocking call: mostly waiting). */
    public CompletableFuture<String> callPartner(Callable<String> call) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                return call.call();
            } catch (Exception e) {
                throw new CompletionException(e);
            }
        }, calls);
    }

    /** Runs pure CPU work (no waiting at all). */
    public CompletableFuture<Long> crunch(LongSupplier work) {
        return CompletableFuture.supplyAsync(work::getAsLong, cpu);
    }

    @Override
    public void close() {
        calls.close();
        cpu.close();
    }
}
