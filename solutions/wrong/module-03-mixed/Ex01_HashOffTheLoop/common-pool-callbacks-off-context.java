// Wrong: hashes on the JDK's common ForkJoinPool; the Future's callbacks then run on a pool thread, off the caller's context
// Caught by: returnsAPendingFutureWithTheRightHash
package course.mixed;

import java.util.concurrent.CompletableFuture;
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
        return Future.fromCompletionStage(CompletableFuture.supplyAsync(() -> Pbkdf2.hash(password)));
    }
}
