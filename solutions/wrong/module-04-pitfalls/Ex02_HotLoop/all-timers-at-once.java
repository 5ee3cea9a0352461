// Wrong: every chunk gets its 1 ms timer up front, so all chunks fall due together and run back to back in one turn
// Caught by: aTimerDueDuringScoringFires
package course.pitfalls.eventloop;

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
        long[] sum = {0};
        int chunks = (documents.size() + CHUNK - 1) / CHUNK;
        if (chunks == 0) {
            return Future.succeededFuture(0L);
        }
        int[] left = {chunks};
        for (int from = 0; from < documents.size(); from += CHUNK) {
            List<String> chunk = documents.subList(from, Math.min(from + CHUNK, documents.size()));
            vertx.setTimer(1, id -> {
                try {
                    for (String document : chunk) {
                        sum[0] += score.applyAsLong(document);
                    }
                } catch (RuntimeException e) {
                    total.tryFail(e);
                }
                if (--left[0] == 0) {
                    total.tryComplete(sum[0]);
                }
            });
        }
        return total.future();
    }
}
