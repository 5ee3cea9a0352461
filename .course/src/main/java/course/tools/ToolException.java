package course.tools;

/**
 * A problem the course tools explain in one message of their own, bad arguments above all: Course
 * prints "COMMAND: message" and a "next:" line (the command's usual one, or {@link #next} when the
 * thrower knows better), without a stack trace, and exits with status 2.
 */
final class ToolException extends RuntimeException {

    private final String next;

    ToolException(String message) {
        this(message, null);
    }

    ToolException(String message, String next) {
        super(message);
        this.next = next;
    }

    /** What to type instead, when the thrower knows better than the command's usual line; else null. */
    String next() {
        return next;
    }
}
