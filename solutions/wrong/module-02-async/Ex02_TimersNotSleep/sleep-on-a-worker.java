// Wrong: each wait sleeps on a worker thread (executeBlocking) and maps back to the loop: waits hold a thread each and queue for the worker pool
// Caught by: thousandWaitsOnOneEventLoop
package course.async;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Ex02 · Timers are the non-blocking sleep.
 *
 * <p>{@code Thread.sleep} parks a whole thread; on an event loop that thread is the one running
 * every handler of hundreds of connections, so they all stop with it. A Vert.x timer instead
 * asks the loop to run the next step later, and the loop is free meanwhile: a thousand 10 ms
 * waits started together end together, about 10 ms later, on a single thread.
 */
public final class Ex02_TimersNotSleep {

    private Ex02_TimersNotSleep() {
    }

    /**
     * Starts {@code count} waits of {@code delayMs} each, all at the same time, without blocking.
     * Completes when every wait is over, with the name of the thread that ran each wait's
     * continuation (in start order).
     */
    public static Future<List<String>> waitConcurrently(Vertx vertx, int count, long delayMs) {
        List<Future<String>> waits = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            // Schedule every timer now; none of them waits for another.
            waits.add(vertx.executeBlocking(() -> {
                    Thread.sleep(delayMs);
                    return null;
                }, false)
                .map(slept -> Thread.currentThread().getName()));
        }
        return allOf(waits);
    }

    /** One future for a list of futures (Ex03 looks at this closely). */
    private static Future<List<String>> allOf(List<Future<String>> futures) {
        return Future.all(futures).map(all -> all.<String>list());
    }
}
