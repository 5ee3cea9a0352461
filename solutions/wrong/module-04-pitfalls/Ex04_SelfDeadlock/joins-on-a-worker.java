// Wrong: moves the join to a worker thread: it answers, but a worker is parked for every request while the name loads
// Caught by: obeysTheNoWaitingLaw
package course.pitfalls.eventloop;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.function.Function;

public final class Ex04_SelfDeadlock {

    private Ex04_SelfDeadlock() {}

    public static Future<String> greet(Function<String, Future<String>> loadName, String user) {
        Future<String> name = loadName.apply(user);
        return Vertx.currentContext().executeBlocking(
            () -> "Hello, " + name.toCompletionStage().toCompletableFuture().join(), false);
    }
}
