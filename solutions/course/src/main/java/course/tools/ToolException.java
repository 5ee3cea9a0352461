package course.tools;

/**
 * A problem the course tools explain in one message of their own: Course prints the message,
 * without a stack trace, and exits with status 2.
 */
final class ToolException extends RuntimeException {

    ToolException(String message) {
        super(message);
    }
}
