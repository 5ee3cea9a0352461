// Wrong: waits on the event loop "safely", with a timeout: it no longer hangs for ever, it fails after a second every time
// Caught by: obeysTheNoWaitingLaw
package course.pitfalls.eventloop;

import io.vertx.core.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

public final class Ex04_SelfDeadlock {

    private Ex04_SelfDeadlock() {}

    public static Future<String> greet(Function<String, Future<String>> loadName, String user) {
        try {
            String name = loadName.apply(user).toCompletionStage().toCompletableFuture().get(1, TimeUnit.SECONDS);
            return Future.succeededFuture("Hello, " + name);
        } catch (Exception e) {
            return Future.failedFuture(e);
        }
    }
}
