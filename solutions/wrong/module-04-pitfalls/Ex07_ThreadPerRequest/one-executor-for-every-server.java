// Wrong: one static virtual-thread executor shared by every server: closing one server stops all the others
// Caught by: closingOneServerLeavesTheOtherAlone
package course.pitfalls;

import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

public final class Ex07_ThreadPerRequest implements AutoCloseable {

    /** "Executors are expensive: one for the application." */
    private static final ExecutorService REQUESTS = Executors.newVirtualThreadPerTaskExecutor();

    public CompletableFuture<String> handle(Callable<String> request) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                return request.call();
            } catch (Exception e) {
                throw new CompletionException(e);
            }
        }, REQUESTS);
    }

    @Override
    public void close() {
        REQUESTS.close();
    }
}
