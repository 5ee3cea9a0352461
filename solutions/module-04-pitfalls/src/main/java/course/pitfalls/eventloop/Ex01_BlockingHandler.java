package course.pitfalls.eventloop;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

/**
 * Ex01 · A blocking call inside an event-loop handler.
 *
 * <p>An event loop is one thread taking turns between thousands of requests. A handler that
 * sleeps, reads a file or calls JDBC keeps the turn: every other request on that loop waits, and
 * nothing says why until Vert.x's blocked-thread checker (it looks once a second) finds the loop
 * held for more than 2 s. A retry back-off is the classic case, because Thread.sleep looks harmless and passes every unit test.
 *
 * <p>Repaired: the back-off is a timer. The loop is free at once and the next try runs in the
 * timer's callback, on the same context, so the code needs no lock and no extra thread.
 */
public final class Ex01_BlockingHandler {

    private Ex01_BlockingHandler() {}

    /**
     * Calls {@code call} up to {@code attempts} times, {@code backoffMs} apart, and returns its
     * first success or, when every try failed, the last failure.
     */
    public static Future<String> callWithRetry(Vertx vertx, Callable<String> call, int attempts, long backoffMs) {
        try {
            return Future.succeededFuture(call.call());
        } catch (Exception failure) {
            if (attempts <= 1) {
                return Future.failedFuture(failure);
            }
            // Wait without holding the thread: the timer fires later and the retry chains on.
            return vertx.timer(backoffMs, TimeUnit.MILLISECONDS)
                .compose(fired -> callWithRetry(vertx, call, attempts - 1, backoffMs));
        }
    }
}
