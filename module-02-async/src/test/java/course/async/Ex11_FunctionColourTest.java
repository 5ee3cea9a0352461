package course.async;

import static org.assertj.core.api.Assertions.assertThat;

import course.async.support.Await;
import course.async.support.EventLoopLagProbe;
import course.async.support.LoopCall;
import io.reactivex.rxjava3.core.Single;
import io.reactivex.rxjava3.observers.TestObserver;
import io.reactivex.rxjava3.plugins.RxJavaPlugins;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@DisplayName("Ex11 · Function colour: the right bridge between sync and async")
@ExtendWith(VertxExtension.class)
class Ex11_FunctionColourTest {

    /** Where a callback ran. */
    record Seen(boolean onEventLoop, boolean onExpectedContext, String thread) {
    }

    @Tag("contract:values")
    @Tag("contract:errors")
    @Test
    @DisplayName("toSingle: a Vert.x future's value and failure reach the Single, no blocking")
    void futureToSingle(Vertx vertx) {
        List<Throwable> undeliverable = new CopyOnWriteArrayList<>();
        RxJavaPlugins.setErrorHandler(undeliverable::add);   // what RxJava could not deliver (it would print and call the uncaught handler)
        TestObserver<String> value = Ex11_FunctionColour.toSingle(vertx.timer(30).map(fired -> "done")).test();
        List<Throwable> errors = new CopyOnWriteArrayList<>();
        TestObserver<String> failure = Ex11_FunctionColour.toSingle(Future.<String>failedFuture("boom")).doOnError(errors::add).test();

        assertThat(value.awaitDone(Await.SECONDS, TimeUnit.SECONDS).values())
            .as("Ex11: the Single should emit the future's value. Hint: both libraries convert to and from CompletionStage")
            .containsExactly("done");
        failure.awaitDone(Await.SECONDS, TimeUnit.SECONDS);
        assertThat(errors)
            .as("Ex11: a failed future should become a failed Single with the same error")
            .singleElement().extracting(Throwable::getMessage).isEqualTo("boom");
        assertThat(undeliverable)
            .as("Ex11: the bridge signalled more than one outcome: RxJava received %s after the Single had already ended "
                + "(an error, or null, sent to the error path on every success?). Hint: a Single ends exactly once: "
                + "the value OR the error; the ready-made bridge through CompletionStage does that for you", undeliverable)
            .isEmpty();
    }

    @AfterEach
    void resetRxJava() {
        RxJavaPlugins.reset();
    }

    @Tag("contract:placement")
    @Tag("contract:event-loop")
    @Test
    @DisplayName("toVertxFuture: a stage completed by a JDK thread calls back on the verticle's event loop")
    void stageToFutureOnTheContext(Vertx vertx) {
        Context context = vertx.getOrCreateContext();
        CompletableFuture<String> stage = new CompletableFuture<>();

        Future<Seen> seen = Ex11_FunctionColour.toVertxFuture(stage, context)
            .map(value -> new Seen(Context.isOnEventLoopThread(), Vertx.currentContext() == context, Thread.currentThread().getName()));
        Thread.ofPlatform().name("jdk-completer").start(() -> stage.complete("from a JDK thread"));

        Seen where = Await.result(seen, "Ex11: the Vert.x future should complete with the stage's value");
        assertThat(where.onExpectedContext())
            .as("Ex11: the callback ran on thread %s, outside the given context. Hint: the bridge from a CompletionStage can "
                + "take the context its callbacks must run on", where.thread())
            .isTrue();
        assertThat(where.onEventLoop()).as("Ex11: an event-loop context calls back on its event-loop thread").isTrue();
    }

    @Tag("contract:errors")
    @Tag("contract:placement")
    @Test
    @DisplayName("toVertxFuture: a stage that fails on a JDK thread fails the future, on the verticle's event loop")
    void failedStageFailsTheFuture(Vertx vertx) {
        Context context = vertx.getOrCreateContext();
        CompletableFuture<String> stage = new CompletableFuture<>();
        Future<String> bridged = Ex11_FunctionColour.toVertxFuture(stage, context);
        Promise<Seen> seen = Promise.promise();
        bridged.onFailure(error -> seen.complete(
            new Seen(Context.isOnEventLoopThread(), Vertx.currentContext() == context, Thread.currentThread().getName())));

        Thread.ofPlatform().name("jdk-completer").start(() -> stage.completeExceptionally(new IllegalStateException("upstream down")));

        Seen where = Await.result(seen.future(),
            "Ex11: a stage that completed exceptionally must fail the Vert.x future; it stayed pending, so the failure never "
                + "reached the caller. Hint: forward both outcomes of the stage, the value and the error");
        assertThat(bridged.cause()).as("Ex11: the future should fail with the stage's own error").hasMessage("upstream down");
        assertThat(where.onExpectedContext())
            .as("Ex11: the failure callback ran on thread %s, outside the given context", where.thread())
            .isTrue();
    }

    @Tag("contract:errors")
    @Tag("contract:event-loop")
    @Test
    @DisplayName("awaitResult: blocks fine on a plain thread or a worker, refuses at once on an event loop")
    void awaitResultOnlyOffTheLoop(Vertx vertx) {
        assertThat(Ex11_FunctionColour.awaitResult(Single.fromCompletionStage(vertx.timer(20).map(f -> "v").toCompletionStage())))
            .as("Ex11: on the test thread (not an event loop) awaitResult may block and return the value")
            .isEqualTo("v");

        Context eventLoop = vertx.getOrCreateContext();
        Future<Throwable> outcome = Await.onEventLoop(eventLoop, () -> {
            // A value that THIS loop must deliver; the 1 s timeout only keeps a wrong answer from blocking the loop forever.
            Single<String> fromThisLoop = Single.fromCompletionStage(vertx.timer(10).map(f -> "v").toCompletionStage())
                .timeout(1, TimeUnit.SECONDS);
            long start = System.nanoTime();
            try {
                Ex11_FunctionColour.awaitResult(fromThisLoop);
                return Future.succeededFuture(new AssertionError("returned a value"));
            } catch (RuntimeException e) {
                long blockedMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
                return Future.succeededFuture(blockedMs > 500 ? new AssertionError("blocked the event loop for " + blockedMs + " ms", e) : e);
            }
        });

        assertThat(Await.result(outcome, "Ex11: awaitResult on the event loop did not return"))
            .as("Ex11: on an event loop awaitResult must throw IllegalStateException at once; waiting there waits for a value "
                + "only this loop can deliver (a deadlock). Hint: ask Vert.x whether the current thread is an event loop before waiting")
            .isInstanceOf(IllegalStateException.class);

        Future<String> onWorker = vertx.executeBlocking(() -> Ex11_FunctionColour.awaitResult(
            Single.fromCompletionStage(vertx.timer(20).map(f -> "from a worker").toCompletionStage())));
        assertThat(Await.result(onWorker, "Ex11: awaitResult on a worker thread should wait and return the value: a worker may "
                + "block, that is what it is for. Hint: refuse on an event-loop thread only, not on every Vert.x thread"))
            .isEqualTo("from a worker");
    }

    @Tag("contract:errors")
    @Test
    @DisplayName("callBlocking: a legacy call that throws fails the future with its own exception")
    void failingBlockingCallFailsTheFuture(Vertx vertx) {
        java.sql.SQLException down = new java.sql.SQLException("database down");
        Future<String> call = Await.onEventLoop(vertx.getOrCreateContext(), () -> Ex11_FunctionColour.callBlocking(vertx, () -> {
            throw down;                                   // a legacy call that fails, as JDBC does
        }));

        Throwable failure = Await.failure(call, "Ex11: a legacy call that throws must fail callBlocking's future, so the caller's "
            + "onFailure sees it. Hint: let the exception leave the callable; the worker pool fails the future with it");
        assertThat(failure)
            .as("Ex11: callBlocking's future should fail with the legacy call's own exception, not %s. Hint: do not catch it "
                + "and wrap or replace it", failure)
            .isSameAs(down);
    }

    @Tag("contract:placement")
    @Tag("contract:event-loop")
    @Test
    @DisplayName("callBlocking: a 3 s legacy call runs on a worker thread and the event loop stays free")
    void blockingCallGoesToAWorker(Vertx vertx) {
        Context eventLoop = vertx.getOrCreateContext();
        EventLoopLagProbe probe = Await.result(EventLoopLagProbe.start(eventLoop), "lag probe did not start");

        LoopCall<String> call = LoopCall.on("Ex11: callBlocking", eventLoop, () -> Ex11_FunctionColour.callBlocking(vertx, () -> {
            Thread.sleep(3_000);                          // a legacy blocking call (JDBC, file, SDK)
            return Thread.currentThread().getName();
        }));
        String thread = Await.result(call.future(), "Ex11: callBlocking should complete with the legacy call's result");
        long lagMs = probe.stopAndGetMaxLagMillis();

        assertThat(call.returnedPending())
            .as("Ex11: callBlocking must hand the call over and return at once, but %s. Hint: never make the legacy call, "
                + "or wait for it, on the loop itself", call.mistake())
            .isTrue();
        assertThat(thread)
            .as("Ex11: the blocking call ran on %s; it belongs on a Vert.x worker thread, so that its result comes back "
                + "to the caller's context. Hint: Vert.x has a call for running blocking code on its worker pool", thread)
            .startsWith("vert.x-worker-thread");
        assertThat(lagMs)
            .as("Ex11: the event loop was blocked for %d ms. Hint: never make the legacy call on the loop itself", lagMs)
            .isLessThan(2_000);   // blocked by the call itself it would be 3,000 ms or more; a free but busy loop lags far less
    }
}
