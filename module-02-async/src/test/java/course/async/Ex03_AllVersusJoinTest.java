package course.async;

import static org.assertj.core.api.Assertions.assertThat;

import course.async.Ex03_AllVersusJoin.Settled;
import course.async.support.Await;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@DisplayName("Ex03 · Waiting for a fixed set: Future.all versus Future.join")
@ExtendWith(VertxExtension.class)
class Ex03_AllVersusJoinTest {

    /** A price that arrives after delayMs, from a real event-loop timer. */
    private static Future<Integer> price(Vertx vertx, int value, long delayMs) {
        return vertx.timer(delayMs).map(fired -> value);
    }

    /** A price lookup that fails after delayMs. */
    private static Future<Integer> failedPrice(Vertx vertx, long delayMs) {
        return vertx.timer(delayMs).compose(fired -> Future.failedFuture(new IllegalStateException("price service down")));
    }

    @Test
    @DisplayName("totalPrice sums every price")
    void totalPriceSums(Vertx vertx) {
        Future<Integer> total = Ex03_AllVersusJoin.totalPrice(List.of(price(vertx, 10, 30), price(vertx, 20, 10), price(vertx, 30, 20)));

        assertThat(Await.result(total, "Ex03: totalPrice should succeed when every price does. Hint: Future.all(prices).map(...)"))
            .as("Ex03: 10 + 20 + 30").isEqualTo(60);
    }

    @Test
    @DisplayName("totalPrice fails as soon as one price fails, before the slow ones arrive")
    void totalPriceFailsFast(Vertx vertx) {
        Future<Integer> slow = price(vertx, 40, 1_000);
        AtomicBoolean slowWasDoneAtFailure = new AtomicBoolean();

        Future<Integer> total = Ex03_AllVersusJoin.totalPrice(List.of(price(vertx, 10, 5), failedPrice(vertx, 10), slow))
            .onFailure(error -> slowWasDoneAtFailure.set(slow.isComplete()));

        assertThat(Await.failure(total, "Ex03: totalPrice must fail when a price fails"))
            .as("Ex03: the failure should be the failed price's own error").hasMessage("price service down");
        assertThat(slowWasDoneAtFailure)
            .as("Ex03: totalPrice waited for the 1 s price before failing; a lost total should be reported at once. Hint: Future.all fails fast, Future.join does not")
            .isFalse();
    }

    @Test
    @DisplayName("settleAll waits for every price, then reports successes and failures")
    void settleAllWaitsForEveryOne(Vertx vertx) {
        List<Future<Integer>> prices = List.of(price(vertx, 10, 5), failedPrice(vertx, 10), price(vertx, 30, 300));
        AtomicBoolean allDoneAtReport = new AtomicBoolean();

        Settled report = Await.result(
            Ex03_AllVersusJoin.settleAll(prices).onSuccess(r -> allDoneAtReport.set(prices.stream().allMatch(Future::isComplete))),
            "Ex03: settleAll must succeed even when a price fails. Hint: Future.join(prices).transform(ar -> Future.succeededFuture(...))");

        assertThat(allDoneAtReport)
            .as("Ex03: settleAll reported before every price had settled. Hint: Future.join waits for all of them; Future.all does not")
            .isTrue();
        assertThat(report)
            .as("Ex03: two prices succeeded (10, then 30) and one failed. Hint: read each input with succeeded()/result() and failed()")
            .isEqualTo(new Settled(List.of(10, 30), 1));
    }

    @Test
    @DisplayName("settleAll with no failure lists every value in input order")
    void settleAllWithoutFailures(Vertx vertx) {
        Settled report = Await.result(
            Ex03_AllVersusJoin.settleAll(List.of(price(vertx, 1, 30), price(vertx, 2, 5), price(vertx, 3, 15))),
            "Ex03: settleAll should succeed");

        assertThat(report)
            .as("Ex03: values in INPUT order (not arrival order), no failures")
            .isEqualTo(new Settled(List.of(1, 2, 3), 0));
    }
}
