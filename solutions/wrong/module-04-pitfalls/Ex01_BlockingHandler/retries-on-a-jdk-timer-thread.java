// Wrong: the back-off waits on the JDK's delayed executor instead of a Vert.x timer: the loop is free, but every retry runs on a common-pool thread, off the caller's event loop
// Caught by: givesUpAfterTheLastAttempt
package course.pitfalls.eventloop;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
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
            // "No thread is held": the JDK schedules the next try for later.
            Promise<String> next = Promise.promise();
            CompletableFuture.delayedExecutor(backoffMs, TimeUnit.MILLISECONDS).execute(() ->
                callWithRetry(vertx, call, attempts - 1, backoffMs).onComplete(next));
            return next.future();
        }
    }
}
