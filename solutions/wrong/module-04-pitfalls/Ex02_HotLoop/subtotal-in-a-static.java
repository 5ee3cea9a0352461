// Wrong: chunks yield on a timer, but the running subtotal and position live in static fields: one batch at a time is right, two batches on one loop mix their sums
// Caught by: twoBatchesOnOneLoopKeepTheirOwnTotals
package course.pitfalls.eventloop;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.util.List;
import java.util.function.ToLongFunction;

public final class Ex02_HotLoop {

    static final int CHUNK = 100;

    /** The batch's progress, kept between timer callbacks ("no need to pass it around"). */
    private static long subtotal;
    private static int next;

    private Ex02_HotLoop() {}

    public static Future<Long> totalScore(Vertx vertx, List<String> documents, ToLongFunction<String> score) {
        Promise<Long> total = Promise.promise();
        subtotal = 0;
        next = 0;
        scoreChunk(vertx, documents, score, total);
        return total.future();
    }

    private static void scoreChunk(Vertx vertx, List<String> documents, ToLongFunction<String> score, Promise<Long> total) {
        int to = Math.min(next + CHUNK, documents.size());
        try {
            for (String document : documents.subList(Math.min(next, to), to)) {
                subtotal += score.applyAsLong(document);
            }
        } catch (RuntimeException e) {
            total.fail(e);
            return;
        }
        next = to;
        if (to >= documents.size()) {
            total.complete(subtotal);
            return;
        }
        vertx.setTimer(1, id -> scoreChunk(vertx, documents, score, total));
    }
}
