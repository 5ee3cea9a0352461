package course.pitfalls;

import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.function.LongSupplier;

/**
 * Ex10 · Virtual threads used like platform threads, and for CPU work.
 *
 * <p>Two habits from the platform-thread world backfire. Pooling virtual threads (a fixed pool of
 * 4 "because threads are expensive") brings back the queue they were meant to remove; a pool was
 * never the right tool to limit concurrency anyway: a {@link Semaphore} is. And the JDK's scheduler
 * does not time-slice virtual threads: one keeps its carrier thread until it blocks (the OS still
 * preempts the carriers, but only to run other threads). CPU-bound work on virtual threads keeps
 * their few carriers busy, so every virtual thread that merely waited for I/O cannot get back on a
 * carrier until the CPU work ends.
 *
 * <p>Repaired: a new virtual thread per call, a semaphore for the partner's limit, and the CPU work
 * on a platform pool sized to the cores, where the OS scheduler time-slices it fairly.
 *
 * <p>A CPU pool hard-coded to the core count of the machine that runs the tests (2 on the course's
 * CI) looks exactly like this one there; so the test also runs the pool in a second JVM that sees
 * 3 cores ({@code -XX:ActiveProcessorCount=3}), where it does not.
 */
public final class Ex10_VirtualThreadMisuse implements AutoCloseable {

    private final ExecutorService calls = Executors.newVirtualThreadPerTaskExecutor();
    private final ExecutorService cpu = Executors.newFixedThreadPool(Runtime.getRuntime().availableProcessors());
    private final Semaphore partnerPermits;

    /** @param partnerLimit how many calls the partner API accepts at once */
    public Ex10_VirtualThreadMisuse(int partnerLimit) {
        this.partnerPermits = new Semaphore(partnerLimit);
    }

    /** Calls the partner API (a blocking call: mostly waiting). */
    public CompletableFuture<String> callPartner(Callable<String> call) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                partnerPermits.acquire(); // blocking is cheap on a virtual thread: it just unmounts
                try {
                    return call.call();
                } finally {
                    partnerPermits.release();
                }
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
