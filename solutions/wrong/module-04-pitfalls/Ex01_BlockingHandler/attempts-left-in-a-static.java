// Wrong: the tries left are kept in a static field between timer callbacks: one retry at a time works, two retries on one loop share the count
// Caught by: twoRetriesKeepTheirOwnCount
package course.pitfalls.eventloop;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

public final class Ex01_BlockingHandler {

    /** Tries left: "no recursion, just a counter the timer callback reads". */
    private static int triesLeft;

    private Ex01_BlockingHandler() {}

    public static Future<String> callWithRetry(Vertx vertx, Callable<String> call, int attempts, long backoffMs) {
        triesLeft = attempts;
        return tryOnce(vertx, call, backoffMs);
    }

    private static Future<String> tryOnce(Vertx vertx, Callable<String> call, long backoffMs) {
        try {
            return Future.succeededFuture(call.call());
        } catch (Exception failure) {
            if (--triesLeft <= 0) {
                return Future.failedFuture(failure);
            }
            return vertx.timer(backoffMs, TimeUnit.MILLISECONDS).compose(fired -> tryOnce(vertx, call, backoffMs));
        }
    }
}
