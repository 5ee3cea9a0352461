// Wrong: the back-off still sleeps on the event loop, only spelled TimeUnit.MILLISECONDS.sleep instead of Thread.sleep
// Caught by: obeysTheNoSleepLaw
package course.pitfalls.eventloop;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

public final class Ex01_BlockingHandler {

    private Ex01_BlockingHandler() {}

    public static Future<String> callWithRetry(Vertx vertx, Callable<String> call, int attempts, long backoffMs) {
        for (int attempt = 1; ; attempt++) {
            try {
                return Future.succeededFuture(call.call());
            } catch (Exception failure) {
                if (attempt >= attempts) {
                    return Future.failedFuture(failure);
                }
                try {
                    TimeUnit.MILLISECONDS.sleep(backoffMs);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return Future.failedFuture(e);
                }
            }
        }
    }
}
