// Wrong: starts a virtual thread per hash and completes a bare promise from it: CPU work on virtual threads, callbacks off the caller's context
// Caught by: returnsAPendingFutureWithTheRightHash
package course.mixed;

import io.vertx.core.Promise;
import io.vertx.core.Future;
import io.vertx.core.Vertx;

/**
 * Ex01 · Hash a password off the event loop.
 *
 * <p>An event loop is one thread serving every handler of its verticles: while it computes a
 * hash ({@link Pbkdf2}: about 8 ms of CPU each), no timer fires, no request is read, no response
 * is written. CPU work does not get faster anywhere else, but it can run elsewhere: on a thread
 * that is allowed to be busy, while the event loop carries on with a {@link Future} of the result.
 */
public final class Ex01_HashOffTheLoop {

    private Ex01_HashOffTheLoop() {
    }

    /**
     * Hashes {@code password} with {@link Pbkdf2#hash} without holding up the caller's event
     * loop; the returned future completes (back on the caller's context) with the hex hash.
     */
    public static Future<String> hashPassword(Vertx vertx, String password) {
        Promise<String> promise = Promise.promise();
        Thread.startVirtualThread(() -> promise.complete(Pbkdf2.hash(password)));
        return promise.future();
    }
}
