// Wrong: error path ignored: yields between chunks properly, but a score that throws leaves the total pending for ever
// Caught by: aFailingScoreFailsTheTotal
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
        vertx.setTimer(1, id -> scoreFrom(vertx, documents, score, 0, 0L, total));
        return total.future();
    }

    private static void scoreFrom(Vertx vertx, List<String> documents, ToLongFunction<String> score,
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
        vertx.setTimer(1, id -> scoreFrom(vertx, documents, score, to, carried, total));
    }
}
