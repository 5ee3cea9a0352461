// Wrong: the loop moves to a new platform thread per call, which completes the result there: the caller's callbacks run off its event loop, and a burst of calls makes a burst of OS threads
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
        Thread.ofPlatform().name("scorer").start(() -> {
            try {
                long sum = 0;
                for (String document : documents) {
                    sum += score.applyAsLong(document);
                }
                total.complete(sum);
            } catch (RuntimeException e) {
                total.fail(e);
            }
        });
        return total.future();
    }
}
