// Wrong: half-repair: the first back-off is a timer, every later one busy-waits on the event loop
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
            // The loop is free during the first back-off...
            return vertx.timer(backoffMs, TimeUnit.MILLISECONDS).compose(fired -> retryInPlace(call, attempts - 1, backoffMs));
        }
    }

    // ...then the remaining tries wait "without sleeping": a spin, invisible to the no-sleep law.
    private static Future<String> retryInPlace(Callable<String> call, int attempts, long backoffMs) {
        for (int attempt = 1; ; attempt++) {
            try {
                return Future.succeededFuture(call.call());
            } catch (Exception failure) {
                if (attempt >= attempts) {
                    return Future.failedFuture(failure);
                }
                long until = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(backoffMs);
                while (System.nanoTime() < until) {
                    Thread.onSpinWait();
                }
            }
        }
    }
}
