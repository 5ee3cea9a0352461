package course.pitfalls.eventloop;

import io.vertx.core.Context;
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
 * loop. The cure is to give the thread back: either move the work off the loop
 * ({@code executeBlocking(callable, false)}, see Ex05 and Ex06) or cut it into chunks and let
 * other tasks run between them.
 *
 * <p>Repaired: chunks of {@link #CHUNK} documents, each chunk a task of its own on the same
 * context. The subtotal travels from chunk to chunk, so no state is shared and no lock is needed.
 * The lag any other task sees is now one chunk, not the whole job.
 */
public final class Ex02_HotLoop {

    /** Documents scored per turn on the event loop: small enough to keep each turn short. */
    static final int CHUNK = 100;

    private Ex02_HotLoop() {}

    /** Sums {@code score} over every document. Called on an event loop. */
    public static Future<Long> totalScore(Vertx vertx, List<String> documents, ToLongFunction<String> score) {
        Promise<Long> total = Promise.promise();
        scoreFrom(vertx.getOrCreateContext(), documents, score, 0, 0L, total);
        return total.future();
    }

    private static void scoreFrom(Context loop, List<String> documents, ToLongFunction<String> score,
                                  int from, long subtotal, Promise<Long> total) {
        int to = Math.min(from + CHUNK, documents.size());
        long sum = subtotal;
        for (String document : documents.subList(from, to)) {
            sum += score.applyAsLong(document);
        }
        if (to == documents.size()) {
            total.complete(sum);
            return;
        }
        long carried = sum;
        // Queue the rest behind whatever arrived meanwhile: this is the yield.
        loop.runOnContext(next -> scoreFrom(loop, documents, score, to, carried, total));
    }
}
