package course.tools;

/** The tools' one error: Course prints "COMMAND: message" and a "next:" line, with no stack trace, and exits 2. */
final class ToolException extends RuntimeException {

    /** What to type instead, when the thrower knows better than the command's usual "next:" line; else null. */
    private final String next;

    ToolException(String message) { this(message, null); }
    ToolException(String message, String next) {
        super(message);
        this.next = next;
    }

    String next() { return next; }
}
