package course.pitfalls.eventloop;

import io.vertx.core.Future;
import io.vertx.core.Promise;
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
 *
 * <p>Repaired: chunks of {@link #CHUNK} documents, each continued from a 1 ms timer. Netty 4.2 runs
 * queued tasks (what {@code runOnContext} adds), including the ones queued while it runs, until its
 * queue is empty or {@code io.netty.eventLoop.maxTaskProcessingQuantumMs} (1 s by default) is spent,
 * and only then reads sockets and moves the timers due by then to the tail of its queue: chunks
 * chained with {@code runOnContext} are one long turn for every timer and every request. A chunk that waits for a timer lets all of them
 * in first. The subtotal travels from chunk to chunk, so no state is shared and no lock is needed;
 * the price is a millisecond per chunk (+~1 ms per 100 documents here), so keep chunks a few ms long.
 * The other repair moves the whole loop off the event loop: {@code vertx.executeBlocking(..., false)}.
 */
public final class Ex02_HotLoop {

    /** Documents scored per turn on the event loop: small enough to keep each turn short. */
    static final int CHUNK = 100;

    private Ex02_HotLoop() {}

    /** Sums {@code score} over every document. Called on an event loop. */
    public static Future<Long> totalScore(Vertx vertx, List<String> documents, ToLongFunction<String> score) {
        Promise<Long> total = Promise.promise();
        scoreFrom(vertx, documents, score, 0, 0L, total);
        return total.future();
    }

    private static void scoreFrom(Vertx vertx, List<String> documents, ToLongFunction<String> score,
                                  int from, long subtotal, Promise<Long> total) {
        int to = Math.min(from + CHUNK, documents.size());
        long sum = subtotal;
        try {
            for (String document : documents.subList(from, to)) {
                sum += score.applyAsLong(document);
            }
        } catch (RuntimeException e) {
            total.fail(e); // a callback's exception would reach nobody: the caller listens to the future
            return;
        }
        if (to == documents.size()) {
            total.complete(sum);
            return;
        }
        long carried = sum;
        // The yield: this callback runs in a later round, after a socket poll and behind the timers due before it.
        vertx.setTimer(1, id -> scoreFrom(vertx, documents, score, to, carried, total));
    }
}
