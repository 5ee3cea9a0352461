// Wrong: a call that fails is turned into a null reply "so the others still count": the caller gets a list that hides the failure
// Caught by: aFailingCallFailsTheFanOut
package course.pitfalls.eventloop;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.List;
import java.util.concurrent.Callable;

public final class Ex06_OrderedBlocking {

    private Ex06_OrderedBlocking() {}

    public static Future<List<String>> callAll(Vertx vertx, List<Callable<String>> calls) {
        List<Future<String>> replies = calls.stream()
            .map(call -> vertx.executeBlocking(call, false).otherwise((String) null))
            .toList();
        return Future.all(replies).map(all -> all.<String>list());
    }
}
