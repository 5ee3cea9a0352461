// Wrong: a bounded platform pool of 200: the spike no longer decides the thread count, but requests that only wait queue behind 200 others
// Caught by: spikeDoesNotStartAThreadPerRequest
package course.pitfalls;

import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

public final class Ex07_ThreadPerRequest implements AutoCloseable {

    private final ExecutorService requests = Executors.newFixedThreadPool(200);

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
        requests.close();
    }
}
