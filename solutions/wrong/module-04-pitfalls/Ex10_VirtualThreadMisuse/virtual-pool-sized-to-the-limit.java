// Wrong: a fixed pool of virtual threads sized to the partner's limit: the limit holds, but it is still a pool of reused threads, a queue in disguise
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

    private final ExecutorService calls;
    private final ExecutorService cpu = Executors.newFixedThreadPool(Runtime.getRuntime().availableProcessors());

    public Ex10_VirtualThreadMisuse(int partnerLimit) {
        this.calls = Executors.newFixedThreadPool(partnerLimit, Thread.ofVirtual().factory());
    }

    public CompletableFuture<String> callPartner(Callable<String> call) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                return call.call();
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
