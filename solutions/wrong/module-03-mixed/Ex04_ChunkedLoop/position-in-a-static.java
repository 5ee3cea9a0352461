// Wrong: yields on a timer between chunks, but keeps the loop's position in a static field: one loop at a time is right, two loops on one event loop skip each other's steps
// Caught by: twoLoopsOnOneEventLoopKeepTheirOwnPlace
package course.mixed;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.util.function.IntConsumer;

public final class Ex04_ChunkedLoop {

    private Ex04_ChunkedLoop() {
    }

    /** Where the loop has got to, kept between timer callbacks. */
    private static int next;

    public static Future<Void> forEachInChunks(Context context, int count, int chunkSize, IntConsumer body) {
        Promise<Void> done = Promise.promise();
        next = 0;
        runChunk(context, count, chunkSize, body, done);
        return done.future();
    }

    private static void runChunk(Context context, int count, int chunkSize, IntConsumer body, Promise<Void> done) {
        int from = next;
        int to = Math.min(count, from + chunkSize);
        next = to;
        try {
            for (int i = from; i < to; i++) {
                body.accept(i);
            }
        } catch (RuntimeException e) {
            done.fail(e);
            return;
        }
        if (to >= count) {
            done.complete();
        } else {
            // Yield: the next chunk waits for a timer, so due timers and I/O events run first.
            context.owner().setTimer(1, id -> runChunk(context, count, chunkSize, body, done));
        }
    }
}
