// Wrong: "never wait", so it reads result() at once, before the name has arrived
// Caught by: noSelfDeadlock
package course.pitfalls.eventloop;

import io.vertx.core.Future;
import java.util.function.Function;

public final class Ex04_SelfDeadlock {

    private Ex04_SelfDeadlock() {}

    public static Future<String> greet(Function<String, Future<String>> loadName, String user) {
        String name = loadName.apply(user).result();
        return Future.succeededFuture("Hello, " + name);
    }
}
