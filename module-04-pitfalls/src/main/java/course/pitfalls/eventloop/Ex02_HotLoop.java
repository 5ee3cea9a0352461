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
 * loop. The cure is to give the thread back: either move the work off the loop
 * ({@code executeBlocking(callable, false)}, see Ex05 and Ex06) or cut it into chunks and let
 * other tasks run between them.
 */
public final class Ex02_HotLoop {

    /** Documents scored per turn on the event loop: small enough to keep each turn short. */
    static final int CHUNK = 100;

    private Ex02_HotLoop() {}

    /** Sums {@code score} over every document. Called on an event loop. */
    public static Future<Long> totalScore(Vertx vertx, List<String> documents, ToLongFunction<String> score) {
        // TODO: symptom: no warning in the logs, but every request that reaches this event loop while
        //  a big batch is scored waits for the whole batch (p99 latency = the batch's duration).
        //  Repair: give the loop back. Score CHUNK documents, then queue the rest with
        //  vertx.getOrCreateContext().runOnContext(...) and complete a Promise after the last chunk
        //  (or move the whole loop off the event loop with vertx.executeBlocking(..., false)).
        long total = 0;
        for (String document : documents) {
            total += score.applyAsLong(document);
        }
        return Future.succeededFuture(total);
    }
}
