// Wrong: a connection pool of its own for every query, never disposed: each query leaves a connection to the database open
// Caught by: queriesShareThePoolsConnections
package course.mixed;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Optional;
import org.h2.jdbcx.JdbcConnectionPool;

public final class Ex06_JdbcOnAWorkerPool {

    public static final String POOL_NAME = "jdbc";

    public static final int CONNECTIONS = 4;

    @FunctionalInterface
    public interface SqlWork<T> {
        T run(Connection connection) throws SQLException;
    }

    private final JdbcConnectionPool connections;
    private final String jdbcUrl;
    private final WorkerExecutor pool;

    public Ex06_JdbcOnAWorkerPool(Vertx vertx, String jdbcUrl) {
        // Given: at most CONNECTIONS connections at once; a caller that asks for one more waits up
        // to 5 s in getConnection() for one to come back, then fails.
        this.jdbcUrl = jdbcUrl;
        this.connections = JdbcConnectionPool.create(jdbcUrl, "", "");
        connections.setMaxConnections(CONNECTIONS);
        connections.setLoginTimeout(5);
        // One thread per connection: every jdbc-N thread can always get a connection.
        this.pool = vertx.createSharedWorkerExecutor(POOL_NAME, CONNECTIONS);
    }

    public <T> Future<T> query(SqlWork<T> work) {
        return pool.executeBlocking(() -> {
            // "A pool per query: no query can take another's connection."
            JdbcConnectionPool perQuery = JdbcConnectionPool.create(jdbcUrl, "", "");
            try (Connection connection = perQuery.getConnection()) {
                return work.run(connection);
            }
        }, false);
    }

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

    public Future<Void> close() {
        // Threads first (no new query can start), then the connections they used.
        return pool.close().andThen(closed -> connections.dispose());
    }
}
