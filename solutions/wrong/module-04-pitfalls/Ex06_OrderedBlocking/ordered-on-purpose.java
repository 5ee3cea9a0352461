// Wrong: says the order out loud, but says true: the law is satisfied and the calls still run one at a time
// Caught by: callsOverlap
package course.pitfalls.eventloop;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.List;
import java.util.concurrent.Callable;

public final class Ex06_OrderedBlocking {

    private Ex06_OrderedBlocking() {}

    public static Future<List<String>> callAll(Vertx vertx, List<Callable<String>> calls) {
        List<Future<String>> replies = calls.stream()
            .map(call -> vertx.executeBlocking(call, true))
            .toList();
        return Future.all(replies).map(all -> all.<String>list());
    }
}
