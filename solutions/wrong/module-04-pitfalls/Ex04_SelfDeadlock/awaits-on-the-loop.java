// Wrong: Vert.x 5's Future.await() on the event loop: the call that reads like a repair is the same wait
// Caught by: obeysTheNoWaitingLaw
package course.pitfalls.eventloop;

import io.vertx.core.Future;
import java.util.function.Function;

public final class Ex04_SelfDeadlock {

    private Ex04_SelfDeadlock() {}

    public static Future<String> greet(Function<String, Future<String>> loadName, String user) {
        try {
            return Future.succeededFuture("Hello, " + loadName.apply(user).await());
        } catch (RuntimeException e) {
            return Future.failedFuture(e);
        }
    }
}
