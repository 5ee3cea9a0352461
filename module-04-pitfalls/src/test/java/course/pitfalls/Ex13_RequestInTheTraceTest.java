package course.pitfalls;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

@DisplayName("Ex13 · A stack trace shows a thread, not a request")
@ExtendWith(VertxExtension.class)
@Timeout(30)
class Ex13_RequestInTheTraceTest {

    /** Calls price on an event loop, as a request handler would, and waits for the outcome. */
    static Future<Integer> onTheLoop(Vertx vertx, String requestId, String body) throws Exception {
        CompletableFuture<Future<Integer>> result = new CompletableFuture<>();
        Context context = vertx.getOrCreateContext();
        context.runOnContext(v -> {
            Future<Integer> f = Ex13_RequestInTheTrace.price(vertx, requestId, body);
            f.onComplete(done -> result.complete(f));
        });
        return result.get(10, TimeUnit.SECONDS);
    }

    static List<Throwable> chain(Throwable t) {
        List<Throwable> out = new ArrayList<>();
        for (Throwable c = t; c != null && !out.contains(c); c = c.getCause()) out.add(c);
        return out;
    }

    static boolean hasFrame(Throwable t, String method) {
        return Arrays.stream(t.getStackTrace()).anyMatch(f -> f.getMethodName().equals(method));
    }

    /** The failure of request {@code id}: names it, and has the original failure (type, thrown in {@code step}) as a cause. */
    static void namesTheRequestAndKeepsTheCause(Future<Integer> f, String id, String body, Class<? extends Throwable> original,
                                                String step, String what) {
        assertThat(f.failed()).as("Ex13: request %s (body \"%s\") %s, so its future should fail; it succeeded with %s",
                id, body, what, f.result()).isTrue();
        Throwable failure = f.cause();
        assertThat(String.valueOf(failure.getMessage()))
                .as("Ex13: request %s (body \"%s\") %s; the failure says \"%s\", which names no request: in a log of thousands "
                        + "of requests, and with a stack trace of the event loop's turn only (no frame of price() or of the "
                        + "handler), nobody can tell which request failed. Hint: recover at the end of the chain and fail with a "
                        + "new exception whose message names the request", id, body, what, failure)
                .contains(id);
        Throwable cause = chain(failure).stream().filter(original::isInstance).findFirst().orElse(null);
        assertThat(cause)
                .as("Ex13: the failure of request %s names it (\"%s\") but lost what went wrong: no %s among its causes, so the "
                        + "stack trace of the step that failed is gone. Hint: pass the original failure as the new exception's cause",
                        id, failure.getMessage(), original.getSimpleName())
                .isNotNull();
        assertThat(hasFrame(cause, step))
                .as("Ex13: the %s among the causes of request %s's failure is not the one thrown in %s() (no such frame in its "
                        + "stack trace): a copy loses where it happened. Hint: keep the very exception as the cause", original.getSimpleName(), id, step)
                .isTrue();
    }

    @Test
    @Tag("contract:values")
    @Tag("contract:event-loop")
    @DisplayName("on the event loop: a good order is priced; a bad quantity and an unknown product each fail naming the request, the original failure as cause")
    void everyFailureOfTheChainNamesItsRequest(Vertx vertx) throws Exception {
        Future<Integer> good = onTheLoop(vertx, "req-1", "pear:4");
        assertThat(good.succeeded()).as("Ex13: request req-1 (pear:4) should be priced, but failed: %s", good.cause()).isTrue();
        assertThat(good.result()).as("Ex13: 4 pears at 5 each").isEqualTo(20);

        namesTheRequestAndKeepsTheCause(onTheLoop(vertx, "req-2", "apple:x"), "req-2", "apple:x", NumberFormatException.class,
                "parse", "has a quantity that is not a number (it fails in parse, the first step)");
        namesTheRequestAndKeepsTheCause(onTheLoop(vertx, "req-3", "kiwi:2"), "req-3", "kiwi:2", NoSuchElementException.class,
                "total", "asks for a product with no price (it fails in total, after the lookup's turn of the loop)");
    }

    @Test
    @Tag("contract:state")
    @DisplayName("two requests that fail at the same time on one event loop: each failure names its own request")
    void twoRequestsInFlightEachNameTheirOwn(Vertx vertx) throws Exception {
        CompletableFuture<List<Future<Integer>>> both = new CompletableFuture<>();
        vertx.getOrCreateContext().runOnContext(v -> {
            // Both start in one turn: each one's steps run after the other has started.
            Future<Integer> a = Ex13_RequestInTheTrace.price(vertx, "req-a", "plum:y");
            Future<Integer> b = Ex13_RequestInTheTrace.price(vertx, "req-b", "fig:1");
            Future.join(a, b).onComplete(done -> both.complete(List.of(a, b)));
        });
        List<Future<Integer>> f = both.get(10, TimeUnit.SECONDS);
        for (int i = 0; i < 2; i++) {
            String mine = i == 0 ? "req-a" : "req-b", other = i == 0 ? "req-b" : "req-a";
            String message = String.valueOf(f.get(i).cause() == null ? null : f.get(i).cause().getMessage());
            assertThat(message)
                    .as("Ex13: requests req-a and req-b were in flight together and both failed; the failure of %s says \"%s\", "
                            + "which does not name it. Hint: recover at the end of the chain with a new exception whose message "
                            + "names the request", mine, message)
                    .contains(mine);
            assertThat(message)
                    .as("Ex13: requests req-a and req-b were in flight together and both failed; the failure of %s says \"%s\", "
                            + "naming the other request too. A request id kept in a field is the last request started, not this "
                            + "one. Hint: the id is in scope where you recover: use the parameter", mine, message)
                    .doesNotContain(other);
        }
    }

    /** A request handler on a virtual thread: this method's frame is the request's. */
    static Throwable handleRequestOnAVirtualThread(String id, String body) throws InterruptedException {
        AtomicReference<Throwable> thrown = new AtomicReference<>();
        Thread.ofVirtual().name("request-" + id).start(() -> {
            try {
                Ex13_RequestInTheTrace.priceBlocking(id, body);
            } catch (Throwable t) {
                thrown.set(t);
            }
        }).join();
        return thrown.get();
    }

    @Test
    @Tag("contract:placement")
    @DisplayName("on a virtual thread: the failure's stack trace holds the whole request, from the failing step to the handler")
    void onAVirtualThreadTheTraceIsTheRequest() throws Exception {
        assertThat(Ex13_RequestInTheTrace.priceBlocking("req-4", "plum:3")).as("Ex13: 3 plums at 2 each").isEqualTo(6);
        Throwable t = handleRequestOnAVirtualThread("req-5", "apple:x");
        assertThat(t).as("Ex13: priceBlocking(\"req-5\", \"apple:x\") should throw (the quantity is not a number)").isNotNull();
        Throwable failure = chain(t).stream().filter(NumberFormatException.class::isInstance).findFirst().orElse(null);
        assertThat(failure)
                .as("Ex13: priceBlocking threw %s, with no NumberFormatException among its causes: what went wrong is lost", t)
                .isNotNull();
        assertThat(hasFrame(failure, "priceBlocking") && hasFrame(failure, "parse"))
                .as("Ex13: the NumberFormatException's stack trace has no frame of priceBlocking and parse together: it was "
                        + "thrown on another thread, so it shows that thread, not the request. On a virtual thread per request, "
                        + "blocking is cheap and the request's thread can run every step itself. Hint: return total(parse(body))")
                .isTrue();
        // What the comparison is about: this stack goes down to the handler, as a platform thread's would.
        assertThat(Arrays.stream(failure.getStackTrace())
                .anyMatch(f -> f.getMethodName().contains("handleRequestOnAVirtualThread")))
                .as("Ex13: the stack trace should reach down to the handler that called priceBlocking").isTrue();
    }
}
