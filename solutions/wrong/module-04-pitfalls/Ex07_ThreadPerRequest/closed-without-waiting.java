// Wrong: lifecycle: close() calls shutdown() and returns at once, while requests are still in flight
// Caught by: closeWaitsForRequestsInFlight
package course.pitfalls;

import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

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
        requests.shutdown();
    }
}
