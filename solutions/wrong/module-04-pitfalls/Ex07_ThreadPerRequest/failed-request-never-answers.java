// Wrong: a virtual thread per request completes the reply only when the request succeeds: a request that throws leaves its caller waiting for ever
// Caught by: failingRequestsFailTheirReplies
package course.pitfalls;

import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

public final class Ex07_ThreadPerRequest implements AutoCloseable {

    private final ExecutorService requests = Executors.newVirtualThreadPerTaskExecutor();

    public CompletableFuture<String> handle(Callable<String> request) {
        CompletableFuture<String> reply = new CompletableFuture<>();
        requests.submit(() -> reply.complete(request.call())); // a failure stays in the Future submit returned
        return reply;
    }

    @Override
    public void close() {
        requests.close();
    }
}
