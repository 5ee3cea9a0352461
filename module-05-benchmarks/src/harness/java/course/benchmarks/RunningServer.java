package course.benchmarks;

/**
 * An Ex07 server that is up: it listens on 127.0.0.1:{@link #port()} until {@link #close()}, which
 * stops it and ends every thread it started (its pool, its event loops, its workers).
 */
public interface RunningServer extends AutoCloseable {

    int port();

    /** Stops accepting, closes the connections and ends the server's threads before it returns. */
    @Override
    void close();

    /** A running server on {@code port} that {@code stop} shuts down. */
    static RunningServer of(int port, Runnable stop) {
        return new RunningServer() {
            @Override
            public int port() {
                return port;
            }

            @Override
            public void close() {
                stop.run();
            }
        };
    }
}
