// Wrong: callBlocking runs the legacy call right away, on the caller's event loop
// Caught by: blockingCallGoesToAWorker
package course.async;

import io.reactivex.rxjava3.core.Single;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletionStage;

/**
 * Ex11 · Function colour: crossing between sync and async code, the right bridge each way.
 *
 * <p>Async functions return a promise of a value; sync functions return the value and may block.
 * Async code can call sync code only if it cannot block (or by moving it to a worker); sync code
 * can call async code only by waiting for it, which is fine on a plain thread and fatal on the
 * event loop: the loop would wait for a result that only the loop itself can deliver. Between
 * async libraries, {@code CompletionStage} is the common currency: Vert.x and RxJava both convert
 * to and from it without blocking anyone.
 */
public final class Ex11_FunctionColour {

    private Ex11_FunctionColour() {
    }

    /** Vert.x to RxJava, async to async: the same future's outcome as a Single. */
    public static <T> Single<T> toSingle(Future<T> future) {
        return Single.fromCompletionStage(future.toCompletionStage());
    }

    /**
     * JDK async (CompletableFuture, HttpClient.sendAsync, ...) to Vert.x: a future whose callbacks
     * run on {@code context}'s event loop, whichever thread completed the stage.
     */
    public static <T> Future<T> toVertxFuture(CompletionStage<T> stage, Context context) {
        // Without the context, callbacks would run on the JDK thread that completed the stage,
        // outside the verticle's single-threaded world.
        return Future.fromCompletionStage(stage, context);
    }

    /**
     * Async to sync, for a caller on a plain thread (main, a CLI, a test): waits for the value.
     * On an event loop it refuses at once with an IllegalStateException instead of blocking it.
     */
    public static <T> T awaitResult(Single<T> single) {
        if (Context.isOnEventLoopThread()) {
            throw new IllegalStateException("awaitResult would block the event loop: compose on the Single or Future instead");
        }
        return single.blockingGet();
    }

    /** Sync to async: a blocking legacy call made from async code runs on a worker thread. */
    public static <T> Future<T> callBlocking(Vertx vertx, Callable<T> legacyCall) {
        try {
            return Future.succeededFuture(legacyCall.call());
        } catch (Exception e) {
            return Future.failedFuture(e);
        }
    }
}
