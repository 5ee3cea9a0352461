// Wrong: error path: a profile id that does not exist fails the query (reading a row that is not there) instead of answering Optional.empty()
// Caught by: anUnknownIdAnswersEmpty
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
    private final WorkerExecutor pool;

    public Ex06_JdbcOnAWorkerPool(Vertx vertx, String jdbcUrl) {
        // Given: at most CONNECTIONS connections at once; a caller that asks for one more waits up
        // to 5 s in getConnection() for one to come back, then fails.
        this.connections = JdbcConnectionPool.create(jdbcUrl, "", "");
        connections.setMaxConnections(CONNECTIONS);
        connections.setLoginTimeout(5);
        // One thread per connection: every jdbc-N thread can always get a connection.
        this.pool = vertx.createSharedWorkerExecutor(POOL_NAME, CONNECTIONS);
    }

    public <T> Future<T> query(SqlWork<T> work) {
        return pool.executeBlocking(() -> {
            // try-with-resources: close() returns the connection to the pool, on failure too.
            try (Connection connection = connections.getConnection()) {
                return work.run(connection);
            }
        }, false);
    }

    public Future<Optional<String>> findName(int id) {
        return query(connection -> {
            try (var statement = connection.prepareStatement("SELECT name FROM profiles WHERE id = ?")) {
                statement.setInt(1, id);
                try (var rows = statement.executeQuery()) {
                    rows.next();
                    return Optional.of(rows.getString(1));
                }
            }
        });
    }

    public Future<Void> close() {
        // Threads first (no new query can start), then the connections they used.
        return pool.close().andThen(closed -> connections.dispose());
    }
}
