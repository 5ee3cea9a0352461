// Wrong: back-off ignored: the loop stays free, but every retry fires at once, hammering a service that is warming up
// Caught by: givesUpAfterTheLastAttempt
package course.pitfalls.eventloop;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.concurrent.Callable;

public final class Ex01_BlockingHandler {

    private Ex01_BlockingHandler() {}

    public static Future<String> callWithRetry(Vertx vertx, Callable<String> call, int attempts, long backoffMs) {
        try {
            return Future.succeededFuture(call.call());
        } catch (Exception failure) {
            if (attempts <= 1) {
                return Future.failedFuture(failure);
            }
            // "Give the loop back" before the next try, but without waiting at all.
            return Future.succeededFuture().compose(next -> callWithRetry(vertx, call, attempts - 1, backoffMs));
        }
    }
}
