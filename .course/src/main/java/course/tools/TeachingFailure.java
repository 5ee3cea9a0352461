package course.tools;

import java.util.Set;
import java.util.regex.Pattern;

/**
 * When a failing test catches a wrong answer: its message names the exercise (Ex03, not Ex03_BoundedPoolTest) and it is not
 * a failure that teaches nothing (a bare timeout, an NPE). TestRunner uses it to stop a wrong answer's run at its first catch.
 */
final class TeachingFailure {

    /** Failure types that say nothing about the mistake, whatever their message. */
    private static final Set<String> UNTEACHING = Set.of("java.util.concurrent.TimeoutException", // JUnit's @Timeout and timeout.default
            "java.lang.NullPointerException", "org.awaitility.core.ConditionTimeoutException");

    /** The exercise id of an exercise or test class name: Ex03_BoundedPoolTest -> Ex03. */
    static String id(String exercise) {
        String simple = exercise.substring(exercise.lastIndexOf('.') + 1);
        return simple.indexOf('_') > 0 ? simple.substring(0, simple.indexOf('_')) : simple;
    }

    /** True when a failure of type {@code type} with {@code message} catches a wrong answer to {@code exercise}. */
    static boolean by(String exercise, String type, String message) { return whyNot(exercise, type, message).isEmpty(); }

    /** Why a failure does not count, for the report; empty when it does. */
    static String whyNot(String exercise, String type, String message) {
        String simple = type.substring(type.lastIndexOf('.') + 1);
        boolean silent = message == null || message.isBlank();
        if (UNTEACHING.contains(type)) return "only a bare " + simple + (silent ? "" : ": " + firstLine(message));
        if (silent) return "a " + simple + " without a message";
        // The id as a word of its own: "Ex03: ..." and "[Ex03 ...]" count, "Ex03_BoundedPoolTest" does not.
        boolean names = Pattern.compile("(?<![A-Za-z0-9_])" + Pattern.quote(id(exercise)) + "(?![A-Za-z0-9_])").matcher(message).find();
        return names ? "" : "a message that does not name " + id(exercise) + ": " + firstLine(message);
    }

    static String firstLine(String message) {
        String first = message.strip().lines().findFirst().orElse("");
        return first.length() > 160 ? first.substring(0, 160) + "..." : first;
    }
}
