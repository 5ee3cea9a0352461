// Wrong: lifecycle: a bare virtual thread per request, and close() has nothing to wait for: requests in flight are cut off when the server stops
// Caught by: closeWaitsForRequestsInFlight
package course.pitfalls;

import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;

public final class Ex07_ThreadPerRequest implements AutoCloseable {

    public CompletableFuture<String> handle(Callable<String> request) {
        CompletableFuture<String> reply = new CompletableFuture<>();
        Thread.ofVirtual().name("request-handler").start(() -> {
            try {
                reply.complete(request.call());
            } catch (Exception e) {
                reply.completeExceptionally(e);
            }
        });
        return reply;
    }

    @Override
    public void close() {
        // Virtual threads are cheap: nothing to release.
    }
}
