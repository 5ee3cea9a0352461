// Wrong: error path: when every try fails, it reports the first failure instead of the last one
// Caught by: givesUpAfterTheLastAttempt
package course.pitfalls.eventloop;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

public final class Ex01_BlockingHandler {

    private Ex01_BlockingHandler() {}

    public static Future<String> callWithRetry(Vertx vertx, Callable<String> call, int attempts, long backoffMs) {
        try {
            return Future.succeededFuture(call.call());
        } catch (Exception failure) {
            if (attempts <= 1) {
                return Future.failedFuture(failure);
            }
            return vertx.timer(backoffMs, TimeUnit.MILLISECONDS)
                .compose(fired -> callWithRetry(vertx, call, attempts - 1, backoffMs))
                .recover(later -> Future.failedFuture(failure));
        }
    }
}
