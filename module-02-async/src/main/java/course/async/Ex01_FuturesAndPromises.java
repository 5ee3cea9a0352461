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
        // TODO: return a future right away that later succeeds with the value or fails with the error,
        //  as the directory's callback reports. The callback fires later, on this same event loop:
        //  waiting for it here would stop the loop that has to run it.
        throw new UnsupportedOperationException("Ex01 not implemented yet: turn the callback lookup into a Future");
    }

    /** The length of the value, once it arrives: a plain function, so map. */
    public static Future<Integer> valueLength(Future<String> value) {
        // TODO: the length of the value once it arrives. A plain function of the value: no new async
        //  step, and no waiting for the value.
        throw new UnsupportedOperationException("Ex01 not implemented yet: the length of the value, once it arrives");
    }

    /** Looks up key, then looks up the value it found: the second step is async, so compose. */
    public static Future<String> lookupTwice(CallbackDirectory directory, String key) {
        // TODO: look key up, then look up the value it found. The second step is itself async, it
        //  needs the first one's value, and it must not run at all when the first lookup failed.
        throw new UnsupportedOperationException("Ex01 not implemented yet: a second lookup of the value the first one found");
    }

    /** Looks up key; if that fails for any reason, succeeds with fallback instead. */
    public static Future<String> lookupOrDefault(CallbackDirectory directory, String key, String fallback) {
        // TODO: the looked-up value, or fallback when the lookup fails; a successful lookup keeps its own value.
        throw new UnsupportedOperationException("Ex01 not implemented yet: fall back when the lookup fails");
    }
}
