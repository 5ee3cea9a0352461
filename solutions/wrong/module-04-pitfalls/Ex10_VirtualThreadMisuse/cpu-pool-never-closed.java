// Wrong: lifecycle: close() closes the calls executor but forgets the CPU pool, so its platform threads outlive the service
// Caught by: cpuWorkUsesOnePlatformThreadPerCore
package course.pitfalls;

import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.function.LongSupplier;

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

    }
}
