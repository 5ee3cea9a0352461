// Wrong: continues each chunk with context.runOnContext: queued tasks get in, but Netty keeps running its task queue, so timers and sockets wait
// Caught by: timersFireBetweenChunks
package course.mixed;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.util.function.IntConsumer;

/**
 * Ex04 · Split a long CPU loop into chunks that yield back to the event loop.
 *
 * <p>Sometimes the work must stay on the event loop (it touches state only that loop owns),
 * or it is made of many tiny steps not worth a trip to a worker. Then run a few steps, let the
 * loop serve everyone else, and continue from a 1 ms timer: timers and sockets get their turn
 * before the next chunk. The total work is the same; no handler waits for more than one chunk.
 * ({@code context.runOnContext(next)} is not enough: it lets queued tasks in, but Netty runs
 * its task queue for up to a second before it looks at timers and sockets again.)
 */
public final class Ex04_ChunkedLoop {

    private Ex04_ChunkedLoop() {
    }

    /**
     * Calls {@code body} for {@code 0 .. count-1}, in order, on {@code context}'s event loop,
     * {@code chunkSize} calls at a time, yielding to the event loop between chunks. Completes
     * when all calls have run (or fails with the first exception {@code body} throws). Call it
     * on {@code context}.
     */
    public static Future<Void> forEachInChunks(Context context, int count, int chunkSize, IntConsumer body) {
        Promise<Void> done = Promise.promise();
        runChunk(context, 0, count, chunkSize, body, done);
        return done.future();
    }

    private static void runChunk(Context context, int from, int count, int chunkSize, IntConsumer body, Promise<Void> done) {
        int to = Math.min(count, from + chunkSize);
        try {
            for (int i = from; i < to; i++) {
                body.accept(i);
            }
        } catch (RuntimeException e) {
            done.fail(e);
            return;
        }
        if (to == count) {
            done.complete();
        } else {
            // Yield to the event loop before the next chunk.
            context.runOnContext(v -> runChunk(context, to, count, chunkSize, body, done));
        }
    }
}
