// Wrong: the calls go to the JDK's common pool (a handful of threads, shared with parallel streams), and the results come back off the caller's context
// Caught by: callsOverlap
package course.pitfalls.eventloop;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

public final class Ex06_OrderedBlocking {

    private Ex06_OrderedBlocking() {}

    public static Future<List<String>> callAll(Vertx vertx, List<Callable<String>> calls) {
        List<Future<String>> replies = calls.stream()
            .map(call -> Future.fromCompletionStage(CompletableFuture.supplyAsync(() -> {
                try {
                    return call.call();
                } catch (Exception e) {
                    throw new CompletionException(e);
                }
            })))
            .toList();
        return Future.all(replies).map(all -> all.<String>list());
    }
}
