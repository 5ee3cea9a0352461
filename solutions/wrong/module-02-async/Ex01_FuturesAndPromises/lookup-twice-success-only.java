// Wrong: lookupTwice chains only on success: when the first lookup fails, the returned future stays pending forever
// Caught by: composeStopsAtTheFirstFailure
package course.async;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.util.function.BiConsumer;

/**
 * Ex01 · Futures and promises: map, compose, recover, and a callback API turned into a future.
 *
 * <p>A Vert.x {@link Future} is a value that is not there yet; a {@link Promise} is the side that
 * writes it. Instead of waiting for the value, you attach the next step: {@code map} for a plain
 * function, {@code compose} for a step that is itself asynchronous, {@code recover} for what to do
 * on failure. Each step runs later, on the event loop, when its input is ready; nothing blocks.
 */
public final class Ex01_FuturesAndPromises {

    /** An old-style API that reports through a callback: (value, null) or (null, error). */
    @FunctionalInterface
    public interface CallbackDirectory {
        void lookup(String key, BiConsumer<String, Throwable> callback);
    }

    private Ex01_FuturesAndPromises() {
    }

    /** Turns one callback lookup into a future that succeeds or fails as the callback says. */
    public static Future<String> lookup(CallbackDirectory directory, String key) {
        // The promise is the writable end; hand its future out now, complete it later.
        Promise<String> promise = Promise.promise();
        directory.lookup(key, (value, error) -> {
            if (error != null) {
                promise.fail(error);
            } else {
                promise.complete(value);
            }
        });
        return promise.future();
    }

    /** The length of the value, once it arrives: a plain function, so map. */
    public static Future<Integer> valueLength(Future<String> value) {
        return value.map(String::length);
    }

    /** Looks up key, then looks up the value it found: the second step is async, so compose. */
    public static Future<String> lookupTwice(CallbackDirectory directory, String key) {
        Promise<String> second = Promise.promise();
        lookup(directory, key).onSuccess(first -> lookup(directory, first).onComplete(second));
        return second.future();
    }

    /** Looks up key; if that fails for any reason, succeeds with fallback instead. */
    public static Future<String> lookupOrDefault(CallbackDirectory directory, String key, String fallback) {
        return lookup(directory, key).recover(error -> Future.succeededFuture(fallback));
    }
}
