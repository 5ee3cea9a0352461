package course.async;

import io.vertx.core.Future;
import java.util.function.BiConsumer;

/**
 * Ex01 · Futures and promises: map, compose, recover, and a callback API turned into a future.
 *
 * <p>A Vert.x {@link Future} is a value that is not there yet; a {@link io.vertx.core.Promise} is
 * the side that writes it. Instead of waiting for the value, you attach the next step: {@code map}
 * for a plain function, {@code compose} for a step that is itself asynchronous, {@code recover}
 * for what to do on failure. Each step runs later, on the event loop, when its input is ready;
 * nothing blocks.
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
        // TODO: create a Promise<String> (Promise.promise()), call directory.lookup(key, callback)
        //  with a callback that fails the promise when error != null and completes it with the
        //  value otherwise; return promise.future() right away (do not wait for the callback).
        throw new UnsupportedOperationException("Ex01 not implemented yet: turn the callback lookup into a Future with a Promise");
    }

    /** The length of the value, once it arrives: a plain function, so map. */
    public static Future<Integer> valueLength(Future<String> value) {
        // TODO: return value.map(...) that turns the string into its length.
        throw new UnsupportedOperationException("Ex01 not implemented yet: map the value to its length");
    }

    /** Looks up key, then looks up the value it found: the second step is async, so compose. */
    public static Future<String> lookupTwice(CallbackDirectory directory, String key) {
        // TODO: lookup(directory, key), then compose(...) a second lookup of the value it found.
        //  A failure in the first lookup must skip the second one (compose does that for you).
        throw new UnsupportedOperationException("Ex01 not implemented yet: chain two lookups with compose");
    }

    /** Looks up key; if that fails for any reason, succeeds with fallback instead. */
    public static Future<String> lookupOrDefault(CallbackDirectory directory, String key, String fallback) {
        // TODO: lookup(directory, key).recover(...) returning Future.succeededFuture(fallback).
        throw new UnsupportedOperationException("Ex01 not implemented yet: recover from a failed lookup with the fallback");
    }
}
