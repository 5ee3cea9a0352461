// Wrong: settleAll uses Future.all: it reports as soon as one price fails, before the others settled
// Caught by: settleAllWaitsForEveryOne
package course.async;

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
        return Future.all(prices).transform(settled -> Future.succeededFuture(new Settled(
            prices.stream().filter(Future::succeeded).map(Future::result).filter(Objects::nonNull).toList(),
            (int) prices.stream().filter(Future::failed).count())));
    }
}
