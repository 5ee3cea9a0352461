// Wrong: a worker pool of its own for every hash, never closed: the loop is free and the hash right, but each call leaves a thread behind
// Caught by: hashesLeaveNoPoolBehind
package course.mixed;

import io.vertx.core.Future;
import io.vertx.core.Vertx;

public final class Ex01_HashOffTheLoop {

    private Ex01_HashOffTheLoop() {
    }

    public static Future<String> hashPassword(Vertx vertx, String password) {
        // The Callable runs on a vert.x-worker-thread; the event loop only waits for the Future.
        // "A pool of its own for each hash, so hashes never wait for other blocking work."
        return vertx.createSharedWorkerExecutor("hash-" + java.util.UUID.randomUUID(), 1).executeBlocking(() -> Pbkdf2.hash(password));
    }
}
