// Wrong: settleAll collects values as they arrive, then sorts them: right only when input order happens to be sorted order
// Caught by: settleAllWithoutFailures
package course.async;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.CopyOnWriteArrayList;
import io.vertx.core.Future;
import java.util.List;
import java.util.Objects;

/**
 * Ex03 · Waiting for a fixed set of results: {@code Future.all} versus {@code Future.join}.
 *
 * <p>Both turn N futures into one. {@code Future.all} fails as soon as ANY input fails, without
 * waiting for the rest: right when one missing piece makes the whole answer useless (a total
 * price). {@code Future.join} waits until EVERY input has settled, then fails if one did: right
 * when you must account for each one (a report, a cleanup). ({@code Future.any} is the third:
 * the first success wins.) None of them cancels the inputs; they only decide when you hear back.
 */
public final class Ex03_AllVersusJoin {

    /** What settleAll reports: the successful values in input order, and how many failed. */
    public record Settled(List<Integer> values, int failures) {
    }

    private Ex03_AllVersusJoin() {
    }

    /** The sum of all prices; fails as soon as one price fails, without waiting for the others. */
    public static Future<Integer> totalPrice(List<Future<Integer>> prices) {
        // all: one failure is enough to know the total is lost, so report it at once.
        return Future.all(prices)
            .map(all -> all.<Integer>list().stream().mapToInt(Integer::intValue).sum());
    }

    /** Waits until every price has succeeded or failed, then reports both kinds; never fails. */
    public static Future<Settled> settleAll(List<Future<Integer>> prices) {
        // join: wait for the last one to settle, whatever happened, then read each input.
        List<Integer> arrived = new CopyOnWriteArrayList<>();
        AtomicInteger failures = new AtomicInteger();
        prices.forEach(price -> price.onSuccess(arrived::add).onFailure(error -> failures.incrementAndGet()));
        return Future.join(prices).transform(settled -> Future.succeededFuture(
            new Settled(arrived.stream().sorted().toList(), failures.get())));
    }
}
