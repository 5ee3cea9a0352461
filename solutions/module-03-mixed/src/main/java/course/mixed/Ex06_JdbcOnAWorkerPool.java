package course.mixed;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Optional;

/**
 * Ex06 · A blocking library (JDBC) called from async code through a worker pool.
 *
 * <p>JDBC blocks: every call holds its thread until the database answers. Called on an event
 * loop it stalls every handler of that loop for the length of the query. Wrapped in
 * {@code executeBlocking} on a named pool, the same plain JDBC code becomes a {@link Future}.
 * Size that pool like a connection pool: it bounds how many queries run at once, and it keeps
 * slow queries from taking the threads the rest of the application needs.
 */
public final class Ex06_JdbcOnAWorkerPool {

    /** The pool's name; its threads are {@code jdbc-0, jdbc-1, ...}. */
    public static final String POOL_NAME = "jdbc";

    /** How many queries may run at once (think: connection pool size). */
    public static final int POOL_SIZE = 4;

    /** A unit of plain JDBC work on an open connection. */
    @FunctionalInterface
    public interface SqlWork<T> {
        T run(Connection connection) throws SQLException;
    }

    private final String jdbcUrl;
    private final WorkerExecutor pool;

    /** Creates the JDBC worker pool for the database at {@code jdbcUrl}. */
    public Ex06_JdbcOnAWorkerPool(Vertx vertx, String jdbcUrl) {
        this.jdbcUrl = jdbcUrl;
        this.pool = vertx.createSharedWorkerExecutor(POOL_NAME, POOL_SIZE);
    }

    /**
     * Opens a connection, runs {@code work} on it and closes it, all on the JDBC pool, without
     * blocking the caller; queries from one caller run side by side (unordered).
     */
    public <T> Future<T> query(SqlWork<T> work) {
        return pool.executeBlocking(() -> {
            // Plain blocking JDBC: fine here, this is a jdbc-N thread.
            try (Connection connection = DriverManager.getConnection(jdbcUrl)) {
                return work.run(connection);
            }
        }, false);
    }

    /** The name of profile {@code id}, if there is one (given: shows query() in use). */
    public Future<Optional<String>> findName(int id) {
        return query(connection -> {
            try (var statement = connection.prepareStatement("SELECT name FROM profiles WHERE id = ?")) {
                statement.setInt(1, id);
                try (var rows = statement.executeQuery()) {
                    return rows.next() ? Optional.of(rows.getString(1)) : Optional.empty();
                }
            }
        });
    }

    /** Closes the JDBC pool; its threads end. */
    public Future<Void> close() {
        return pool.close();
    }
}
