package course.async.support;

import static org.assertj.core.api.Assertions.fail;

import io.vertx.core.Context;
import io.vertx.core.Future;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/**
 * One call made from inside an event-loop handler, the way Vert.x code calls an async method, and
 * what its caller saw: the future it got back, whether that future was already complete when the
 * call returned, how long the call held the loop, and what it threw.
 *
 * <p>An async method whose inputs are still pending returns at once with a pending future. One
 * that waits for its inputs instead (join, get, a latch) can only return late with a complete
 * future, and one that calls {@code Future.await()} throws, because await refuses to park an event
 * loop. The tests keep the inputs pending until the call has returned (or release them after 1 s at
 * the latest, so that a blocking answer does not deadlock the loop), so a pending future proves, by
 * construction, that the method did not wait.
 */
public record LoopCall<T>(Future<T> future, boolean completeOnReturn, long heldLoopMillis, Throwable thrown) {

    /**
     * Runs {@code code} in a handler on {@code context}'s event loop and reports what its caller saw;
     * {@code what} names the call in a failure, e.g. "Ex01: lookup".
     */
    public static <T> LoopCall<T> on(String what, Context context, Supplier<Future<T>> code) {
        CompletableFuture<LoopCall<T>> seen = new CompletableFuture<>();
        context.runOnContext(ignored -> {
            long start = System.nanoTime();
            try {
                Future<T> future = code.get();
                boolean complete = future != null && future.isComplete();
                seen.complete(new LoopCall<>(future, complete, millisSince(start), null));
            } catch (Throwable t) {
                seen.complete(new LoopCall<>(Future.failedFuture(t), true, millisSince(start), t));
            }
        });
        try {
            return seen.get(Await.SECONDS, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            return fail(what + " did not return to its event loop within " + Await.SECONDS
                + " s: it blocked the loop, waiting for something only that loop can deliver (join, get, a latch). "
                + "Attach the next step to the future instead of waiting for it");
        } catch (ExecutionException e) {
            return fail(what + " could not run on the event loop", e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return fail("interrupted");
        }
    }

    private static long millisSince(long startNanos) {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos);
    }

    /** True if the call returned a pending future without throwing: it did not wait for its inputs. */
    public boolean returnedPending() {
        return thrown == null && future != null && !completeOnReturn;
    }

    /** What went wrong, in words, when {@link #returnedPending()} is false. */
    public String mistake() {
        if (thrown != null) {
            return "it threw " + thrown + (Await.isAwaitOnEventLoop(thrown)
                ? " (Future.await() refuses to park an event loop)" : "");
        }
        if (future == null) {
            return "it returned null instead of a future";
        }
        return "its future was already complete when it returned, " + heldLoopMillis
            + " ms later, although its inputs were still pending: it waited for them and held the event loop meanwhile";
    }
}
