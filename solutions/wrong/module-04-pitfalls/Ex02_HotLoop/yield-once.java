// Wrong: half-repair: yields once after the first chunk, then scores everything else in one turn
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
        int first = Math.min(CHUNK, documents.size());
        try {
            long head = sum(documents.subList(0, first), score);
            vertx.setTimer(1, id -> {
                try {
                    total.complete(head + sum(documents.subList(first, documents.size()), score));
                } catch (RuntimeException e) {
                    total.fail(e);
                }
            });
        } catch (RuntimeException e) {
            total.fail(e);
        }
        return total.future();
    }

    private static long sum(List<String> documents, ToLongFunction<String> score) {
        long sum = 0;
        for (String document : documents) {
            sum += score.applyAsLong(document);
        }
        return sum;
    }
}
