// Wrong: error path ignored: no waiting, but the greeting is completed only when the name arrives, so a failed load leaves it pending for ever
// Caught by: aFailedLoadFailsTheGreeting
package course.pitfalls.eventloop;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.util.function.Function;

public final class Ex04_SelfDeadlock {

    private Ex04_SelfDeadlock() {}

    public static Future<String> greet(Function<String, Future<String>> loadName, String user) {
        Promise<String> greeting = Promise.promise();
        loadName.apply(user).onSuccess(name -> greeting.complete("Hello, " + name));
        return greeting.future();
    }
}
