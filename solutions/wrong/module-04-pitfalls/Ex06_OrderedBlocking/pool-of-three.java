// Wrong: a worker pool of three, the number of calls the test makes: three calls overlap, a fourth waits for a free thread
// Caught by: twoFanOutsFromOneHandlerOverlap
package course.pitfalls.eventloop;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import java.util.List;
import java.util.concurrent.Callable;

public final class Ex06_OrderedBlocking {

    private Ex06_OrderedBlocking() {}

    public static Future<List<String>> callAll(Vertx vertx, List<Callable<String>> calls) {
        WorkerExecutor pool = vertx.createSharedWorkerExecutor("ex06-calls", 3);
        List<Future<String>> replies = calls.stream().map(call -> pool.executeBlocking(call, false)).toList();
        return Future.all(replies).map(all -> all.<String>list());
    }
}
