package course.async;

import static org.assertj.core.api.Assertions.assertThat;

import course.async.Ex01_FuturesAndPromises.CallbackDirectory;
import course.async.support.Await;
import course.async.support.LoopCall;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiConsumer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

@DisplayName("Ex01 · Futures and promises: map, compose, recover")
@ExtendWith(VertxExtension.class)
class Ex01_FuturesAndPromisesTest {

    private static final Map<String, String> ENTRIES = Map.of("a", "b", "b", "carrot");

    private final AtomicInteger lookups = new AtomicInteger();
    private CallbackDirectory directory;

    /** A real asynchronous callback API: it answers 10 ms later, from a Vert.x timer. */
    @BeforeEach
    void directoryOnTheEventLoop(Vertx vertx) {
        directory = (key, callback) -> {
            lookups.incrementAndGet();
            vertx.setTimer(10, id -> answer(key, callback));
        };
    }

    private static void answer(String key, BiConsumer<String, Throwable> callback) {
        String value = ENTRIES.get(key);
        if (value == null) {
            callback.accept(null, new NoSuchElementException("no entry for " + key));
        } else {
            callback.accept(value, null);
        }
    }

    /**
     * A directory that answers from its own threads, like a legacy client library, and only once the
     * test releases it (or 2 s after it was made at the latest, so that an answer that waits for it
     * cannot deadlock the loop). Until then every lookup is pending. The gate is added to gates.
     */
    private static CallbackDirectory heldDirectory(List<CompletableFuture<Void>> gates) {
        CompletableFuture<Void> released = new CompletableFuture<Void>().completeOnTimeout(null, 2, TimeUnit.SECONDS);
        gates.add(released);
        return (key, callback) -> released.thenRunAsync(() -> answer(key, callback));
    }

    @Tag("contract:event-loop")
    @Test
    @DisplayName("called on an event loop, every method returns a pending future at once: nothing waits for the directory")
    @Timeout(30)   // a wrong answer may hold the loop up to 2 s per call before the directory answers anyway
    void nothingWaitsOnTheEventLoop(Vertx vertx) {
        Context eventLoop = vertx.getOrCreateContext();
        List<CompletableFuture<Void>> gates = new CopyOnWriteArrayList<>();

        // Each directory is made inside the call, so its 2 s fallback cannot run out before the call has even started.
        LoopCall<String> lookup = LoopCall.on("Ex01: lookup", eventLoop, () -> Ex01_FuturesAndPromises.lookup(heldDirectory(gates), "a"));
        LoopCall<Integer> length = LoopCall.on("Ex01: valueLength", eventLoop,
            () -> Ex01_FuturesAndPromises.valueLength(Ex01_FuturesAndPromises.lookup(heldDirectory(gates), "b")));
        LoopCall<String> twice = LoopCall.on("Ex01: lookupTwice", eventLoop, () -> Ex01_FuturesAndPromises.lookupTwice(heldDirectory(gates), "a"));
        LoopCall<String> orDefault = LoopCall.on("Ex01: lookupOrDefault", eventLoop,
            () -> Ex01_FuturesAndPromises.lookupOrDefault(heldDirectory(gates), "missing", "none"));
        gates.forEach(gate -> gate.complete(null));

        assertThat(lookup.returnedPending())
            .as("Ex01: on an event loop, lookup must hand out its future before the answer exists, but %s. "
                + "Hint: return the promise's future at once; the callback completes it later", lookup.mistake())
            .isTrue();
        assertThat(length.returnedPending())
            .as("Ex01: on an event loop, valueLength must return at once, but %s. "
                + "Hint: attach the step that runs when the value arrives (map); join/get/await wait for it and stop the loop", length.mistake())
            .isTrue();
        assertThat(twice.returnedPending())
            .as("Ex01: on an event loop, lookupTwice must return at once, but %s. "
                + "Hint: chain the second lookup onto the first (compose) instead of waiting for the first", twice.mistake())
            .isTrue();
        assertThat(orDefault.returnedPending())
            .as("Ex01: on an event loop, lookupOrDefault must return at once, but %s. Hint: attach the fallback for later (recover)", orDefault.mistake())
            .isTrue();
        assertThat(Await.result(lookup.future(), "Ex01: lookup(\"a\") should succeed once the directory answers"))
            .as("Ex01: lookup(\"a\") gives the directory's value").isEqualTo("b");
        assertThat(Await.result(length.future(), "Ex01: valueLength should succeed once the directory answers"))
            .as("Ex01: \"carrot\" has 6 letters").isEqualTo(6);
        assertThat(Await.result(twice.future(), "Ex01: lookupTwice(\"a\") should succeed once the directory answers"))
            .as("Ex01: a -> b -> carrot").isEqualTo("carrot");
        assertThat(Await.result(orDefault.future(), "Ex01: lookupOrDefault should fall back once the directory fails"))
            .as("Ex01: a failed lookup gives the fallback; the callback's error must fail the lookup, not complete it with null")
            .isEqualTo("none");
    }

    @Tag("contract:values")
    @Test
    @DisplayName("lookup returns a future at once and completes it when the callback fires")
    void lookupCompletesLater(Vertx vertx, VertxTestContext testContext) throws Exception {
        // Called on an event loop, the directory's 10 ms timer fires on that same loop: it cannot have fired before
        // lookup returns, however slow the machine is.
        LoopCall<String> call = LoopCall.on("Ex01: lookup", vertx.getOrCreateContext(), () -> Ex01_FuturesAndPromises.lookup(directory, "a"));

        assertThat(call.returnedPending())
            .as("Ex01: lookup must return before the answer exists (the callback fires 10 ms later, on this loop), but %s. "
                + "Hint: hand out the future at once; the callback completes it later", call.mistake())
            .isTrue();
        Future<String> value = call.future();
        value.onComplete(testContext.succeeding(v -> testContext.verify(() -> {
            assertThat(v).as("Ex01: the future should carry the callback's value. Hint: complete the promise with the value the callback received").isEqualTo("b");
            testContext.completeNow();
        })));
        Await.completion(testContext, "Ex01: the future never completed. Hint: complete the promise inside the callback");
    }

    @Tag("contract:errors")
    @Test
    @DisplayName("a callback error fails the future with the same exception")
    void lookupFailsWithTheCallbacksError() {
        Throwable error = Await.failure(Ex01_FuturesAndPromises.lookup(directory, "missing"),
            "Ex01: a callback error must fail the future, not complete it (with null) or leave it pending. Hint: when the callback reports an error, fail the promise with it");

        assertThat(error)
            .as("Ex01: the future should fail with the callback's own exception. Hint: fail the promise with the error the callback received, unchanged")
            .isInstanceOf(NoSuchElementException.class);
    }

    @Tag("contract:values")
    @Test
    @DisplayName("map transforms the value when it arrives")
    void mapTransformsTheValue() {
        Future<Integer> length = Ex01_FuturesAndPromises.valueLength(Ex01_FuturesAndPromises.lookup(directory, "b"));

        assertThat(Await.result(length, "Ex01: valueLength should succeed once the value arrives. Hint: a plain function of the value is a map step"))
            .as("Ex01: \"carrot\" has 6 letters")
            .isEqualTo(6);
    }

    @Tag("contract:values")
    @Test
    @DisplayName("compose chains a second async lookup on the first one's result")
    void composeChainsTwoLookups() {
        String result = Await.result(Ex01_FuturesAndPromises.lookupTwice(directory, "a"),
            "Ex01: lookupTwice(\"a\") should succeed. Hint: an async step that needs the previous value is a compose step");

        assertThat(result).as("Ex01: a -> b -> carrot. Hint: the second lookup uses the first one's value").isEqualTo("carrot");
        assertThat(lookups).as("Ex01: exactly two lookups should happen").hasValue(2);
    }

    @Tag("contract:errors")
    @Test
    @DisplayName("compose skips the second step when the first one fails")
    void composeStopsAtTheFirstFailure(Vertx vertx) {
        Throwable error = Await.failure(
            Await.onEventLoop(vertx.getOrCreateContext(), () -> Ex01_FuturesAndPromises.lookupTwice(directory, "missing")),
            "Ex01: lookupTwice must fail when the first lookup fails. Hint: compose passes a failure straight through");

        assertThat(error).as("Ex01: the first lookup's error should come out unchanged").isInstanceOf(NoSuchElementException.class);
        assertThat(lookups).as("Ex01: after a failed first lookup, the second must not run. Hint: use compose, not recover or onComplete").hasValue(1);
    }

    @Tag("contract:values")
    @Tag("contract:errors")
    @Test
    @DisplayName("recover turns a failure into the fallback and leaves a success alone")
    void recoverUsesTheFallback() {
        assertThat(Await.result(Ex01_FuturesAndPromises.lookupOrDefault(directory, "missing", "none"),
                "Ex01: lookupOrDefault must succeed even when the lookup fails. Hint: replace a failure with a succeeded future of the fallback (recover)"))
            .as("Ex01: a failed lookup should give the fallback").isEqualTo("none");
        assertThat(Await.result(Ex01_FuturesAndPromises.lookupOrDefault(directory, "a", "none"), "Ex01: lookupOrDefault(\"a\") should succeed"))
            .as("Ex01: a successful lookup keeps its own value; recover only acts on failure").isEqualTo("b");
    }
}
