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
 * And virtual threads are not preempted: CPU-bound work on them keeps their few carrier threads
 * busy, so every virtual thread that merely waited for I/O cannot get back on a carrier until the
 * CPU work ends.
 */
public final class Ex10_VirtualThreadMisuse implements AutoCloseable {

    // TODO: symptom: partner calls crawl at 4 at a time although the partner accepts many more.
    //  Repair: never pool virtual threads: Executors.newVirtualThreadPerTaskExecutor(), and enforce
    //  partnerLimit with a java.util.concurrent.Semaphore around each call.
    private final ExecutorService calls = Executors.newFixedThreadPool(4, Thread.ofVirtual().factory());
    // TODO: symptom: while a batch of CPU work runs, every waiting call (even a 10 ms sleep) stalls
    //  until the batch is done: the CPU work holds all the carrier threads and is never preempted.
    //  Repair: run CPU work on platform threads: Executors.newFixedThreadPool(availableProcessors()).
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
