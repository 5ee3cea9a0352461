// Wrong: no waiting, but each user's loaded name is kept in a static map for ever: a user who changes their name is greeted by the old one until the JVM restarts
// Caught by: eachGreetingLoadsItsOwnName
package course.pitfalls.eventloop;

import io.vertx.core.Future;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

public final class Ex04_SelfDeadlock {

    /** "Loading the name is slow: remember it." */
    private static final Map<String, Future<String>> NAMES = new ConcurrentHashMap<>();

    private Ex04_SelfDeadlock() {}

    public static Future<String> greet(Function<String, Future<String>> loadName, String user) {
        return NAMES.computeIfAbsent(user, loadName).map(name -> "Hello, " + name);
    }
}
