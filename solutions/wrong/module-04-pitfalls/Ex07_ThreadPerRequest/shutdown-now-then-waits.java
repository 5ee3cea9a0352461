// Wrong: close() waits, but after shutdownNow(): every request in flight is interrupted, so the requests it waits for are the ones it just broke
// Caught by: closeWaitsForRequestsInFlight
package course.pitfalls;

import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

public final class Ex07_ThreadPerRequest implements AutoCloseable {

    private final ExecutorService requests = Executors.newVirtualThreadPerTaskExecutor();

    public CompletableFuture<String> handle(Callable<String> request) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                return request.call();
            } catch (Exception e) {
                throw new CompletionException(e);
            }
        }, requests);
    }

    @Override
    public void close() {
        requests.shutdownNow(); // "stop at once, then wait until they are gone"
        try {
            requests.awaitTermination(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
