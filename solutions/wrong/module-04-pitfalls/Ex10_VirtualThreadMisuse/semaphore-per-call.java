// Wrong: a new Semaphore for every call: each call has a limit of its own, so nothing limits the calls together
// Caught by: callsReachTheLimitButNeverExceedIt
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
    private final int partnerLimit;
    private final ExecutorService cpu = Executors.newFixedThreadPool(Runtime.getRuntime().availableProcessors());

    public Ex10_VirtualThreadMisuse(int partnerLimit) {
        this.partnerLimit = partnerLimit;
    }

    public CompletableFuture<String> callPartner(Callable<String> call) {
        Semaphore partnerPermits = new Semaphore(partnerLimit);
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
