package course.mixed;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.sql.DriverManager;
import java.sql.SQLException;

/**
 * Ex09 · Capstone: a service whose slow CPU endpoint does not slow its fast I/O endpoint.
 *
 * <p>{@code GET /profile/:id} is a database read: quick, mostly waiting. {@code POST /hash}
 * hashes the request body with PBKDF2: tens of milliseconds of pure CPU. Vert.x Web runs every
 * route handler on the server's event loop, so a burst of hash requests computed there would
 * make every profile request wait behind all of them. Each kind of work gets its own tool: the
 * JDBC read goes to a small blocking pool, the hashing to a CPU pool sized to the cores, and
 * the event loop only routes, waits and writes.
 */
public final class Ex09_ProfileService {

    /** The CPU pool for hashing: one thread per core (more threads would only take turns). */
    public static final String HASH_POOL_NAME = "hash";
    public static final int HASH_POOL_SIZE = Runtime.getRuntime().availableProcessors();

    /** The blocking pool for JDBC reads. */
    public static final String DB_POOL_NAME = "db";
    public static final int DB_POOL_SIZE = 4;

    private final Vertx vertx;
    private final String jdbcUrl;
    private WorkerExecutor hashPool;
    private WorkerExecutor dbPool;
    private HttpServer server;

    public Ex09_ProfileService(Vertx vertx, String jdbcUrl) {
        this.vertx = vertx;
        this.jdbcUrl = jdbcUrl;
    }

    /** Creates the two pools and starts the service on a random loopback port; completes with the port. */
    public Future<Integer> start() {
        createPools();
        Router router = Router.router(vertx);
        router.get("/profile/:id").handler(this::profile);
        router.post("/hash").handler(BodyHandler.create()).handler(this::hash);
        return vertx.createHttpServer().requestHandler(router).listen(0, "127.0.0.1")
            .map(s -> {
                server = s;
                return s.actualPort();
            });
    }

    /** One pool per kind of work, so neither can take the other's threads. */
    private void createPools() {
        hashPool = vertx.createSharedWorkerExecutor(HASH_POOL_NAME, HASH_POOL_SIZE);   // CPU: one thread per core
        dbPool = vertx.createSharedWorkerExecutor(DB_POOL_NAME, DB_POOL_SIZE);         // I/O: sized like a connection pool
    }

    /** GET /profile/:id: 200 with {"id":..,"name":..} from the database, or 404. */
    private void profile(RoutingContext ctx) {
        int id = Integer.parseInt(ctx.pathParam("id"));
        // I/O: a blocking JDBC read on the db pool; unordered, requests are independent.
        dbPool.executeBlocking(() -> loadProfile(id), false)
            .onSuccess(profile -> {
                if (profile == null) {
                    ctx.response().setStatusCode(404).end();   // an answer, not an error: no such profile
                } else {
                    ctx.json(profile);
                }
            })
            .onFailure(ctx::fail);
    }

    /** POST /hash: 200 with {@code Pbkdf2.hash(body)} as text. */
    private void hash(RoutingContext ctx) {
        String password = ctx.body().asString();
        // CPU: on the hash pool, never on the event loop; unordered so all cores are used.
        hashPool.executeBlocking(() -> Pbkdf2.hash(password), false)
            .onSuccess(ctx::end)
            .onFailure(ctx::fail);
    }

    /** Plain blocking JDBC (given): the profile as JSON, or null. */
    private JsonObject loadProfile(int id) throws SQLException {
        try (var connection = DriverManager.getConnection(jdbcUrl);
             var statement = connection.prepareStatement("SELECT id, name FROM profiles WHERE id = ?")) {
            statement.setInt(1, id);
            try (var rows = statement.executeQuery()) {
                return rows.next() ? new JsonObject().put("id", rows.getInt(1)).put("name", rows.getString(2)) : null;
            }
        }
    }

    /** Stops the server and closes both pools. */
    public Future<Void> stop() {
        Future<Void> closed = server == null ? Future.succeededFuture() : server.close();
        return closed.compose(v -> Future.all(close(hashPool), close(dbPool))).mapEmpty();
    }

    private static Future<Void> close(WorkerExecutor pool) {
        return pool == null ? Future.succeededFuture() : pool.close();
    }
}
