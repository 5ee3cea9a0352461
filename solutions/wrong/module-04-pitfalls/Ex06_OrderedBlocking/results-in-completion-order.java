// Wrong: collects the replies as they arrive, so they come back in the order the calls finished, not the order they were made
// Caught by: callsOverlap
package course.pitfalls.eventloop;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

public final class Ex06_OrderedBlocking {

    private Ex06_OrderedBlocking() {}

    public static Future<List<String>> callAll(Vertx vertx, List<Callable<String>> calls) {
        Promise<List<String>> all = Promise.promise();
        List<String> replies = new ArrayList<>();
        if (calls.isEmpty()) {
            return Future.succeededFuture(replies);
        }
        for (Callable<String> call : calls) {
            vertx.executeBlocking(call, false).onComplete(reply -> {
                replies.add(reply);
                if (replies.size() == calls.size()) {
                    all.complete(replies);
                }
            }, all::tryFail);
        }
        return all.future();
    }
}
