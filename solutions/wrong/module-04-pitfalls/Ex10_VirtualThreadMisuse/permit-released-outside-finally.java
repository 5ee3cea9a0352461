// Wrong: half-repair: the permit is released after the call instead of in finally, so every call that throws keeps its permit for good
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
    private final Semaphore partnerPermits;
    private final ExecutorService cpu = Executors.newFixedThreadPool(Runtime.getRuntime().availableProcessors());

    public Ex10_VirtualThreadMisuse(int partnerLimit) {
        this.partnerPermits = new Semaphore(partnerLimit);
    }

    public CompletableFuture<String> callPartner(Callable<String> call) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                partnerPermits.acquire();
                String reply = call.call();
                partnerPermits.release();
                return reply;
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
