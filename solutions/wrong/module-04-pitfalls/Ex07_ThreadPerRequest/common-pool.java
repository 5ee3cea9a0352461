// Wrong: supplyAsync without an executor: the JDK's common pool, a few threads shared with the whole JVM, so waiting requests queue behind each other
// Caught by: spikeDoesNotStartAThreadPerRequest
package course.pitfalls;

import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

public final class Ex07_ThreadPerRequest implements AutoCloseable {

    public CompletableFuture<String> handle(Callable<String> request) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                return request.call();
            } catch (Exception e) {
                throw new CompletionException(e);
            }
        });
    }

    @Override
    public void close() {
        // The common pool is not ours to close.
    }
}
