package course.pitfalls.eventloop;

import io.vertx.core.Future;
import java.util.function.Function;

/**
 * Ex04 · Waiting for a future on the thread that must complete it.
 *
 * <p>{@code join()}, {@code get()} or RxJava's {@code blockingGet()} turn async code back into
 * "simple" code, and in a unit test on the main thread they work. On an event loop they wait for
 * a result that only that same loop can deliver, and the loop is busy waiting: a deadlock. The
 * request never answers, and every other request on the loop hangs with it.
 */
public final class Ex04_SelfDeadlock {

    private Ex04_SelfDeadlock() {}

    /** Loads the user's display name (async) and greets them. Called on an event loop. */
    public static Future<String> greet(Function<String, Future<String>> loadName, String user) {
        // TODO: symptom: passes its unit tests, then in production the request never answers and the
        //  log says the event loop "has been blocked", with a stack trace ending in
        //  CompletableFuture.join. A name that cannot be loaded must fail the greeting.
        String name = loadName.apply(user).toCompletionStage().toCompletableFuture().join();
        return Future.succeededFuture("Hello, " + name);
    }
}
