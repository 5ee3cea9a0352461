package course.pitfalls.eventloop;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.concurrent.Callable;

/**
 * Ex01 · A blocking call inside an event-loop handler.
 *
 * <p>An event loop is one thread taking turns between thousands of requests. A handler that
 * sleeps, reads a file or calls JDBC keeps the turn: every other request on that loop waits, and
 * nothing says why until Vert.x's blocked-thread checker (it looks once a second) finds the loop
 * held for more than 2 s. A retry back-off is the classic case, because Thread.sleep looks harmless and passes every unit test.
 */
public final class Ex01_BlockingHandler {

    private Ex01_BlockingHandler() {}

    /**
     * Calls {@code call} up to {@code attempts} times, {@code backoffMs} apart, and returns its
     * first success or, when every try failed, the last failure.
     */
    public static Future<String> callWithRetry(Vertx vertx, Callable<String> call, int attempts, long backoffMs) {
        for (int attempt = 1; ; attempt++) {
            try {
                return Future.succeededFuture(call.call());
            } catch (Exception failure) {
                if (attempt >= attempts) {
                    return Future.failedFuture(failure);
                }
                // TODO: symptom: while one request backs off between tries, every other request on its
                //  event loop stalls too (latency spikes; after 2 s the log says "Thread
                //  vert.x-eventloop-thread-0 has been blocked for 2013 ms, time limit is 2000 ms").
                //  The tries and their spacing must stay: find what holds the loop meanwhile.
                sleepQuietly(backoffMs);
            }
        }
    }

    private static void sleepQuietly(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
