// Wrong: runs the JDBC work on Vert.x's shared worker pool instead of the jdbc pool
// Caught by: queriesRunOnTheJdbcPool
package course.mixed;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Optional;
import org.h2.jdbcx.JdbcConnectionPool;

/**
 * Ex06 · A blocking library (JDBC) called from async code through a worker pool.
 *
 * <p>JDBC blocks: every call holds its thread until the database answers. Called on an event
 * loop it stalls every handler of that loop for the length of the query. Wrapped in
 * {@code executeBlocking} on a named pool, the same plain JDBC code becomes a {@link Future}.
 *
 * <p>Two pools work together here. The <em>connection pool</em> (given: H2's
 * {@link JdbcConnectionPool}; in production HikariCP or Agroal) lends out at most
 * {@link #CONNECTIONS} connections; a caller that asks for one more waits inside
 * {@code getConnection()}. The <em>worker pool</em> (yours) decides how many threads may run JDBC
 * at once. Threads beyond the connections would only wait for a connection, each one a thread
 * doing nothing; fewer would leave connections idle. (Vert.x's reactive SQL clients, such as
 * vertx-pg-client, need no worker threads at all: they speak the database's protocol on the event
 * loop. JDBC has no such mode, hence this exercise.)
 */
public final class Ex06_JdbcOnAWorkerPool {

    /** The worker pool's name; its threads are {@code jdbc-0, jdbc-1, ...}. */
    public static final String POOL_NAME = "jdbc";

    /** How many connections the database grants this service: the connection pool's size. */
    public static final int CONNECTIONS = 4;

    /** A unit of plain JDBC work on an open connection. */
    @FunctionalInterface
    public interface SqlWork<T> {
        T run(Connection connection) throws SQLException;
    }

    private final JdbcConnectionPool connections;
    private final WorkerExecutor pool;
    private final Vertx vertx;

    /** Creates the connection pool (given) and the JDBC worker pool for the database at {@code jdbcUrl}. */
    public Ex06_JdbcOnAWorkerPool(Vertx vertx, String jdbcUrl) {
        // Given: at most CONNECTIONS connections at once; a caller that asks for one more waits up
        // to 5 s in getConnection() for one to come back, then fails.
        this.vertx = vertx;
        this.connections = JdbcConnectionPool.create(jdbcUrl, "", "");
        connections.setMaxConnections(CONNECTIONS);
        connections.setLoginTimeout(5);
        // One thread per connection: every jdbc-N thread can always get a connection.
        this.pool = vertx.createSharedWorkerExecutor(POOL_NAME, CONNECTIONS);
    }

    /**
     * Borrows a connection, runs {@code work} on it and gives the connection back, all on the JDBC
     * pool, without blocking the caller; queries from one caller run side by side (unordered).
     * Fails with what {@code work} throws.
     */
    public <T> Future<T> query(SqlWork<T> work) {
        return vertx.executeBlocking(() -> {
            // try-with-resources: close() returns the connection to the pool, on failure too.
            try (Connection connection = connections.getConnection()) {
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

    /** Closes the JDBC worker pool, then the connections; completes when both are closed. */
    public Future<Void> close() {
        // Threads first (no new query can start), then the connections they used.
        return pool.close().andThen(closed -> connections.dispose());
    }
}
