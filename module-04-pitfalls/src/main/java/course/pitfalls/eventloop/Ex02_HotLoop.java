package course.pitfalls.eventloop;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.List;
import java.util.function.ToLongFunction;

/**
 * Ex02 · A long CPU loop that never yields the event loop.
 *
 * <p>Nothing here blocks: the loop only computes. Yet while it runs, the event loop runs nothing
 * else, exactly as if it slept. If it stays under the 2 s blocked-thread limit no warning is ever
 * logged; the only symptom is latency: every request that arrives meanwhile waits for the whole
 * loop. Either the loop gives the thread back often enough for its timers and sockets to get
 * their turn, or the work does not run on the event loop at all.
 */
public final class Ex02_HotLoop {

    /** Documents scored per turn on the event loop: small enough to keep each turn short. */
    static final int CHUNK = 100;

    private Ex02_HotLoop() {}

    /** Sums {@code score} over every document. Called on an event loop. */
    public static Future<Long> totalScore(Vertx vertx, List<String> documents, ToLongFunction<String> score) {
        // TODO: symptom: no warning in the logs, but the timers and HTTP requests of this event loop
        //  all wait while a big batch is scored (p99 latency = the batch's duration). The total must
        //  still come back on this loop, and a document that cannot be scored must fail it.
        long total = 0;
        for (String document : documents) {
            total += score.applyAsLong(document);
        }
        return Future.succeededFuture(total);
    }
}
