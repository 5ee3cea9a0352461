package course.async.support;

import static org.assertj.core.api.Assertions.fail;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.junit5.VertxTestContext;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/**
 * Bridges for the TEST thread only (JUnit's thread is not an event loop, so it may block).
 * Every wait is bounded: a learner's future that never completes fails the test with the hint
 * instead of hanging the build.
 */
public final class Await {

    /** How long a test waits for a learner's future before it gives up. */
    public static final long SECONDS = 5;

    private Await() {
    }

    /** Blocks the test thread until {@code future} succeeds; fails the test with {@code hint} otherwise. */
    public static <T> T result(Future<T> future, String hint) {
        return result(future, () -> hint);
    }

    /**
     * Like {@link #result(Future, String)}, with a hint worked out when the wait has failed, so that it
     * can say what the code under test did meanwhile.
     */
    public static <T> T result(Future<T> future, Supplier<String> hint) {
        return result(future, SECONDS, hint);
    }

    /** Like {@link #result(Future, String)} with a bound of its own, for the tests' own set-up on a loaded machine. */
    public static <T> T result(Future<T> future, long seconds, Supplier<String> hint) {
        try {
            return future.toCompletionStage().toCompletableFuture().get(seconds, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            return fail(hint.get() + " (the future did not complete within " + seconds + " s)");
        } catch (ExecutionException e) {
            return fail(hint.get() + " (the future failed: " + e.getCause() + ")" + awaitNote(e.getCause()), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return fail("interrupted");
        }
    }

    /** Blocks the test thread until {@code future} fails and returns the cause; fails the test otherwise. */
    public static Throwable failure(Future<?> future, String hint) {
        try {
            Object value = future.toCompletionStage().toCompletableFuture().get(SECONDS, TimeUnit.SECONDS);
            return fail(hint + " (the future succeeded with " + value + ")");
        } catch (TimeoutException e) {
            return fail(hint + " (the future did not complete within " + SECONDS + " s)");
        } catch (ExecutionException e) {
            return e.getCause();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return fail("interrupted");
        }
    }

    /** True if {@code error} is what {@code Future.await()} throws on an event-loop or worker thread. */
    public static boolean isAwaitOnEventLoop(Throwable error) {
        return error instanceof IllegalStateException
            && String.valueOf(error.getMessage()).startsWith("Cannot be called on a Vert.x");
    }

    private static String awaitNote(Throwable error) {
        return isAwaitOnEventLoop(error)
            ? ". Future.await() refuses to park an event loop (it would stop every handler on it): attach the next step with map/compose instead of waiting"
            : "";
    }

    /**
     * Waits (bounded) until a vertx-junit5 {@link VertxTestContext} is completed or failed; if it
     * is neither after {@value #SECONDS} s, fails the test with {@code hint}. A failure inside the
     * context is then reported by the VertxExtension itself.
     */
    public static void completion(VertxTestContext testContext, String hint) throws InterruptedException {
        if (!testContext.awaitCompletion(SECONDS, TimeUnit.SECONDS)) {
            fail(hint + " (nothing completed within " + SECONDS + " s)");
        }
    }

    /**
     * Runs {@code code} on the event loop of {@code context}, the way real Vert.x code runs: inside
     * a handler. An exception thrown there (e.g. a starter's UnsupportedOperationException) fails
     * the returned future instead of vanishing into the context's exception handler.
     */
    public static <T> Future<T> onEventLoop(Context context, Supplier<Future<T>> code) {
        Promise<T> promise = Promise.promise();
        context.runOnContext(ignored -> {
            try {
                code.get().onComplete(promise);
            } catch (Throwable t) {
                promise.fail(t);
            }
        });
        return promise.future();
    }
}
