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
        // TODO: the sum of the prices, as a future. If any price fails, report that failure as soon as it
        //  happens, without waiting for slower prices (wherever they are in the list).
        throw new UnsupportedOperationException("Ex03 not implemented yet: sum the prices, failing as soon as one fails");
    }

    /** Waits until every price has succeeded or failed, then reports both kinds; never fails. */
    public static Future<Settled> settleAll(List<Future<Integer>> prices) {
        // TODO: once EVERY price has settled (succeeded or failed), a succeeded future of the report: the
        //  successful values in input order (not arrival order) and the number of failures. Never
        //  fails, and never waits for a price itself.
        throw new UnsupportedOperationException("Ex03 not implemented yet: report once every price has settled");
    }
}
