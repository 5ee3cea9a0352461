// Wrong: does not catch what body throws: from the second chunk on it escapes into a timer handler and the future never completes
// Caught by: aFailingStepFailsTheFuture
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
        for (int i = from; i < to; i++) {
            body.accept(i);
        }
        if (to == count) {
            done.complete();
        } else {
            // Yield: the next chunk waits for a timer, so due timers and I/O events run first.
            context.owner().setTimer(1, id -> runChunk(context, to, count, chunkSize, body, done));
        }
    }
}
