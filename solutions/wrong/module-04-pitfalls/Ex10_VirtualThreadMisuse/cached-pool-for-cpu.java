// Wrong: CPU work moved to platform threads, but an unbounded cached pool: a burst of CPU jobs becomes more busy threads than cores
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
    private final Semaphore partnerPermits;
    private final ExecutorService cpu = Executors.newCachedThreadPool();

    public Ex10_VirtualThreadMisuse(int partnerLimit) {
        this.partnerPermits = new Semaphore(partnerLimit);
    }

    public CompletableFuture<String> callPartner(Callable<String> call) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                partnerPermits.acquire();
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

    public CompletableFuture<Long> crunch(LongSupplier work) {
        return CompletableFuture.supplyAsync(work::getAsLong, cpu);
    }

    @Override
    public void close() {
        calls.close();
        cpu.close();
    }
}
