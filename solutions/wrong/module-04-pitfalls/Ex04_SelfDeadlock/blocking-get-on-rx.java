// Wrong: bridges to RxJava and blocks there (blockingGet with a timeout): the same self-deadlock, spelled differently
// Caught by: noSelfDeadlock
package course.pitfalls.eventloop;

import io.reactivex.rxjava3.core.Single;
import io.vertx.core.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

public final class Ex04_SelfDeadlock {

    private Ex04_SelfDeadlock() {}

    public static Future<String> greet(Function<String, Future<String>> loadName, String user) {
        try {
            String name = Single.fromCompletionStage(loadName.apply(user).toCompletionStage())
                .timeout(1, TimeUnit.SECONDS)
                .blockingGet();
            return Future.succeededFuture("Hello, " + name);
        } catch (RuntimeException e) {
            return Future.failedFuture(e);
        }
    }
}
