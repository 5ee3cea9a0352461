// Wrong: a new platform thread per call completes a bare promise: the calls overlap, but the results come back on those threads, not on the caller's event loop
// Caught by: callsOverlap
package course.pitfalls.eventloop;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.util.List;
import java.util.concurrent.Callable;

public final class Ex06_OrderedBlocking {

    private Ex06_OrderedBlocking() {}

    public static Future<List<String>> callAll(Vertx vertx, List<Callable<String>> calls) {
        List<Future<String>> replies = calls.stream().map(call -> {
            Promise<String> reply = Promise.promise();
            Thread.ofPlatform().start(() -> {
                try {
                    reply.complete(call.call());
                } catch (Exception e) {
                    reply.fail(e);
                }
            });
            return reply.future();
        }).toList();
        return Future.all(replies).map(all -> all.<String>list());
    }
}
