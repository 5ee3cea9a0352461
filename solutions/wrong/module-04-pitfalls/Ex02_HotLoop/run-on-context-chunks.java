// Wrong: chunks chained with runOnContext: queued tasks get in, but Netty runs its task queue before timers and socket reads, so they still wait for the whole batch
// Caught by: aTimerDueDuringScoringFires
package course.pitfalls.eventloop;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.util.List;
import java.util.function.ToLongFunction;

public final class Ex02_HotLoop {

    static final int CHUNK = 100;

    private Ex02_HotLoop() {}

    public static Future<Long> totalScore(Vertx vertx, List<String> documents, ToLongFunction<String> score) {
        Promise<Long> total = Promise.promise();
        scoreFrom(vertx.getOrCreateContext(), documents, score, 0, 0L, total);
        return total.future();
    }

    private static void scoreFrom(Context loop, List<String> documents, ToLongFunction<String> score,
                                  int from, long subtotal, Promise<Long> total) {
        int to = Math.min(from + CHUNK, documents.size());
        long sum = subtotal;
        try {
            for (String document : documents.subList(from, to)) {
                sum += score.applyAsLong(document);
            }
        } catch (RuntimeException e) {
            total.fail(e);
            return;
        }
        if (to == documents.size()) {
            total.complete(sum);
            return;
        }
        long carried = sum;
        loop.runOnContext(next -> scoreFrom(loop, documents, score, to, carried, total));
    }
}
