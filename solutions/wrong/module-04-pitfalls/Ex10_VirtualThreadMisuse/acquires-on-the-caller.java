// Wrong: the permit is taken on the caller's thread before the call is handed over, so callPartner blocks its caller once the partner is busy
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
        partnerPermits.acquireUninterruptibly();
        return CompletableFuture.supplyAsync(() -> {
            try {
                return call.call();
            } catch (Exception e) {
                throw new CompletionException(e);
            }
        }, calls).whenComplete((reply, failure) -> partnerPermits.release());
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
