// Wrong: the back-off sleeps on a worker thread (executeBlocking): the loop is free, but a thread is held for nothing
// Caught by: obeysTheNoSleepLaw
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
            return vertx.executeBlocking(() -> {
                Thread.sleep(backoffMs);
                return null;
            }, false).compose(slept -> callWithRetry(vertx, call, attempts - 1, backoffMs));
        }
    }
}
