package course.async;

import static org.assertj.core.api.Assertions.assertThat;

import course.async.Ex03_AllVersusJoin.Settled;
import course.async.support.Await;
import course.async.support.LoopCall;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
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

    @Tag("contract:values")
    @Test
    @DisplayName("totalPrice sums every price")
    void totalPriceSums(Vertx vertx) {
        Future<Integer> total = Ex03_AllVersusJoin.totalPrice(List.of(price(vertx, 10, 30), price(vertx, 20, 10), price(vertx, 30, 20)));

        assertThat(Await.result(total, "Ex03: totalPrice should succeed when every price does. Hint: combine the prices into one future, then add up its values"))
            .as("Ex03: 10 + 20 + 30").isEqualTo(60);
    }

    @Tag("contract:errors")
    @Test
    @DisplayName("totalPrice fails as soon as one price fails, before the slow ones arrive")
    void totalPriceFailsFast(Vertx vertx) {
        Future<Integer> slow = price(vertx, 40, 1_000);
        AtomicBoolean slowWasDoneAtFailure = new AtomicBoolean();

        // The slow price comes first in the list: a total that looks at the prices in turn reaches the failure only after it.
        Future<Integer> total = Ex03_AllVersusJoin.totalPrice(List.of(slow, price(vertx, 10, 5), failedPrice(vertx, 10)))
            .onFailure(error -> slowWasDoneAtFailure.set(slow.isComplete()));

        assertThat(Await.failure(total, "Ex03: totalPrice must fail when a price fails"))
            .as("Ex03: the failure should be the failed price's own error").hasMessage("price service down");
        assertThat(slowWasDoneAtFailure)
            .as("Ex03: totalPrice waited for the 1 s price before reporting the failure; a lost total should be reported at once. "
                + "Hint: combine the prices with the operator that fails as soon as ANY input fails (Future.all); "
                + "Future.join, or adding the prices one after another, waits for the slow one first")
            .isFalse();
    }

    @Tag("contract:values")
    @Tag("contract:errors")
    @Test
    @DisplayName("settleAll waits for every price, then reports successes and failures")
    void settleAllWaitsForEveryOne(Vertx vertx) {
        List<Future<Integer>> prices = List.of(price(vertx, 10, 5), failedPrice(vertx, 10), price(vertx, 30, 300));
        AtomicBoolean allDoneAtReport = new AtomicBoolean();

        Settled report = Await.result(
            Ex03_AllVersusJoin.settleAll(prices).onSuccess(r -> allDoneAtReport.set(prices.stream().allMatch(Future::isComplete))),
            "Ex03: settleAll must succeed even when a price fails. Hint: turn the combined outcome, success or failure, into a succeeded report (transform)");

        assertThat(allDoneAtReport)
            .as("Ex03: settleAll reported before every price had settled. Hint: Future.join waits for all of them; Future.all does not")
            .isTrue();
        assertThat(report)
            .as("Ex03: two prices succeeded (10, then 30) and one failed. Hint: read each input with succeeded()/result() and failed()")
            .isEqualTo(new Settled(List.of(10, 30), 1));
    }

    @Tag("contract:event-loop")
    @Test
    @DisplayName("called on an event loop, both return a pending future at once while the prices are pending")
    @Timeout(30)   // a wrong answer may hold the loop up to 2 s per call before the prices arrive anyway
    void nothingWaitsOnTheEventLoop(Vertx vertx) {
        Context eventLoop = vertx.getOrCreateContext();
        List<Promise<Integer>> forTotal = new CopyOnWriteArrayList<>();
        List<Promise<Integer>> forReport = new CopyOnWriteArrayList<>();

        // The prices are made inside the call, so their 2 s fallback cannot run out before the call has even started.
        LoopCall<Integer> total = LoopCall.on("Ex03: totalPrice", eventLoop, () -> Ex03_AllVersusJoin.totalPrice(heldPrices(forTotal, 3, 1, 2)));
        LoopCall<Settled> report = LoopCall.on("Ex03: settleAll", eventLoop, () -> Ex03_AllVersusJoin.settleAll(heldPrices(forReport, 3, 1, 2)));
        List.of(forTotal, forReport).forEach(prices -> {
            prices.get(0).tryComplete(3);
            prices.get(1).tryComplete(1);
            prices.get(2).tryFail("price service down");
        });

        assertThat(total.returnedPending())
            .as("Ex03: on an event loop, totalPrice must return at once while the prices are pending, but %s. "
                + "Hint: combine the futures into one and map it; never wait (await/join) for a price", total.mistake())
            .isTrue();
        assertThat(report.returnedPending())
            .as("Ex03: on an event loop, settleAll must return at once while the prices are pending, but %s. "
                + "Hint: combine the futures into one that completes when the last one settles, then build the report from it", report.mistake())
            .isTrue();
        assertThat(Await.failure(total.future(), "Ex03: totalPrice must fail when a price fails")).hasMessage("price service down");
        assertThat(Await.result(report.future(), "Ex03: settleAll must succeed even when a price fails"))
            .as("Ex03: two prices succeeded (3, then 1) and one failed")
            .isEqualTo(new Settled(List.of(3, 1), 1));
    }

    /**
     * Prices the test completes itself (they are added to promises); if it cannot, because a wrong answer holds
     * the loop, they arrive 2 s later from another thread.
     */
    private static List<Future<Integer>> heldPrices(List<Promise<Integer>> promises, int... values) {
        List<Promise<Integer>> prices = IntStream.of(values).mapToObj(v -> Promise.<Integer>promise()).toList();
        promises.addAll(prices);
        CompletableFuture.delayedExecutor(2, TimeUnit.SECONDS).execute(() -> {
            for (int i = 0; i < values.length; i++) {
                prices.get(i).tryComplete(values[i]);
            }
        });
        return futures(prices);
    }

    private static List<Future<Integer>> futures(List<Promise<Integer>> promises) {
        return promises.stream().map(Promise::future).toList();
    }

    @Tag("contract:values")
    @Test
    @DisplayName("settleAll with no failure lists every value in input order, whatever order they arrive in")
    void settleAllWithoutFailures(Vertx vertx) {
        List<Promise<Integer>> prices = List.of(Promise.promise(), Promise.promise(), Promise.promise());
        Future<Settled> settled = LoopCall.on("Ex03: settleAll", vertx.getOrCreateContext(),
            () -> Ex03_AllVersusJoin.settleAll(futures(prices))).future();

        // Input order 30, 10, 20; they arrive as 10, 30, 20; sorted they would be 10, 20, 30.
        prices.get(1).complete(10);
        prices.get(0).complete(30);
        prices.get(2).complete(20);
        Settled report = Await.result(settled, "Ex03: settleAll should succeed");

        assertThat(report)
            .as("Ex03: values in INPUT order (30, 10, 20), not in arrival order (10, 30, 20) nor sorted, and no failures. "
                + "Hint: once every price has settled, read each input future in list order")
            .isEqualTo(new Settled(List.of(30, 10, 20), 0));
    }
}
