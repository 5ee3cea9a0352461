package course.async;

import io.vertx.core.Future;
import java.util.List;

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
        // TODO: Future.all(prices), then map the CompositeFuture to the sum of all.<Integer>list().
        throw new UnsupportedOperationException("Ex03 not implemented yet: sum the prices with Future.all (fail fast)");
    }

    /** Waits until every price has succeeded or failed, then reports both kinds; never fails. */
    public static Future<Settled> settleAll(List<Future<Integer>> prices) {
        // TODO: Future.join(prices) waits for every input to settle. Then, whatever its outcome,
        //  transform(...) it into a succeeded future of new Settled(values of the prices that
        //  succeeded, in input order; number of prices that failed). (Not eventually(...): it keeps
        //  join's failure.)
        throw new UnsupportedOperationException("Ex03 not implemented yet: wait for every price with Future.join and report");
    }
}
