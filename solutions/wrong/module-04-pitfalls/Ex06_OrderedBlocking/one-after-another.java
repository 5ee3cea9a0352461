// Wrong: unordered executeBlocking, but each call is started from the previous one's callback, so they never overlap
// Caught by: callsOverlap
package course.pitfalls.eventloop;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

public final class Ex06_OrderedBlocking {

    private Ex06_OrderedBlocking() {}

    public static Future<List<String>> callAll(Vertx vertx, List<Callable<String>> calls) {
        Future<List<String>> chain = Future.succeededFuture(new ArrayList<>());
        for (Callable<String> call : calls) {
            chain = chain.compose(done -> vertx.executeBlocking(call, false).map(reply -> {
                done.add(reply);
                return done;
            }));
        }
        return chain;
    }
}
