// Wrong: a worker pool of its own for every fan-out, sized to its calls and never closed: each call of callAll leaves threads behind
// Caught by: twoFanOutsFromOneHandlerOverlap
package course.pitfalls.eventloop;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;

public final class Ex06_OrderedBlocking {

    private Ex06_OrderedBlocking() {}

    public static Future<List<String>> callAll(Vertx vertx, List<Callable<String>> calls) {
        // "A pool exactly as big as the fan-out, so the calls never wait for a thread."
        WorkerExecutor pool = vertx.createSharedWorkerExecutor("ex06-" + UUID.randomUUID(), calls.size());
        List<Future<String>> replies = calls.stream().map(call -> pool.executeBlocking(call, false)).toList();
        return Future.all(replies).map(all -> all.<String>list());
    }
}
