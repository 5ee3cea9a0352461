package course.pitfalls.eventloop;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * Ex06 · executeBlocking left ordered: parallel code that runs in single file.
 *
 * <p>{@code executeBlocking(callable)} is <em>ordered</em> by default: calls made from the same
 * context run one after another, each waiting for the previous one, so that blocking code keeps
 * its order. Ten blocking calls written to overlap take ten times one call, and nothing fails:
 * it is only slow. Ordering is a choice; make it on purpose.
 */
public final class Ex06_OrderedBlocking {

    private Ex06_OrderedBlocking() {}

    /** Runs every blocking call, all at once, and returns their results in the same order. Called on an event loop. */
    public static Future<List<String>> callAll(Vertx vertx, List<Callable<String>> calls) {
        // TODO: symptom: the fan-out takes the sum of the calls' times, not the longest one, although
        //  the worker pool has idle threads. The replies must stay in call order and arrive on the
        //  caller's event loop.
        List<Future<String>> replies = calls.stream()
            .map(call -> vertx.executeBlocking(call))
            .toList();
        return Future.all(replies).map(all -> all.<String>list());
    }
}
