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
 *
 * <p>Repaired: {@code executeBlocking(call, false)} lets the worker pool run the calls side by
 * side. {@code Future.all} still returns the results in the order of the calls.
 */
public final class Ex06_OrderedBlocking {

    private Ex06_OrderedBlocking() {}

    /** Runs every blocking call, all at once, and returns their results in the same order. Called on an event loop. */
    public static Future<List<String>> callAll(Vertx vertx, List<Callable<String>> calls) {
        List<Future<String>> replies = calls.stream()
            .map(call -> vertx.executeBlocking(call, false)) // false: no queue behind the previous call
            .toList();
        return Future.all(replies).map(all -> all.<String>list());
    }
}
