package course.async;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.List;

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
        // TODO: for each of the count waits, start a timer with vertx.timer(delayMs, TimeUnit.MILLISECONDS)
        //  and map it to Thread.currentThread().getName() (the thread that ran the continuation).
        //  Collect the futures in a list and return allOf(list). No Thread.sleep, no executeBlocking:
        //  the point is that no thread waits at all.
        throw new UnsupportedOperationException("Ex02 not implemented yet: start count timers at once and collect their thread names");
    }

    /** One future for a list of futures (Ex03 looks at this closely). */
    @SuppressWarnings("unused")
    private static Future<List<String>> allOf(List<Future<String>> futures) {
        return Future.all(futures).map(all -> all.<String>list());
    }
}
