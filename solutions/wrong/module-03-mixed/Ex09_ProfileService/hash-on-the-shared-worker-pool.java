// Wrong: hashes with vertx.executeBlocking, on the shared worker pool every blocking call of the application also needs
// Caught by: hashesUseEveryCoreAndNoMore
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
import java.util.function.UnaryOperator;

/**
 * Ex09 · Capstone: a service whose slow CPU endpoint does not slow its fast I/O endpoint.
 *
 * <p>{@code GET /profile/:id} is a database read: quick, mostly waiting. {@code POST /hash}
 * hashes the request body: milliseconds of pure CPU per request. Vert.x Web runs every route
 * handler on the server's event loop. The routes, the JSON and the responses are given; the
 * decisions are yours: where each kind of work runs, how many threads each may use, and how the
 * service closes.
 */
public final class Ex09_ProfileService {

    /** Name your pool for the hashing with this, so its threads are {@code hash-0, hash-1, ...}. */
    public static final String HASH_POOL_NAME = "hash";

    /** Name your pool for the database reads with this: {@code db-0, db-1, ...}. */
    public static final String DB_POOL_NAME = "db";

    /** How many connections the database grants this service. */
    public static final int DB_CONNECTIONS = 4;

    private final Vertx vertx;
    private final String jdbcUrl;
    private final int cores;
    private final UnaryOperator<String> hasher;
    private WorkerExecutor hashPool;
    private WorkerExecutor dbPool;
    private HttpServer server;

    /** The service as deployed: PBKDF2 hashes, on as many cores as this machine has. */
    public Ex09_ProfileService(Vertx vertx, String jdbcUrl) {
        this(vertx, jdbcUrl, Runtime.getRuntime().availableProcessors(), Pbkdf2::hash);
    }

    /**
     * @param cores  the CPU cores this service may use (its share of the machine, e.g. a
     *               container's CPU limit)
     * @param hasher the CPU step of {@code POST /hash} (the tests pass one that records where it runs)
     */
    public Ex09_ProfileService(Vertx vertx, String jdbcUrl, int cores, UnaryOperator<String> hasher) {
        this.vertx = vertx;
        this.jdbcUrl = jdbcUrl;
        this.cores = cores;
        this.hasher = hasher;
    }

    /** Creates the pools and starts the service on a random loopback port; completes with the port. */
    public Future<Integer> start() {
        // CPU: one thread per core; more threads would only take turns on the same cores.
        hashPool = vertx.createSharedWorkerExecutor(HASH_POOL_NAME, cores);
        // Blocking I/O: one thread per connection the database grants.
        dbPool = vertx.createSharedWorkerExecutor(DB_POOL_NAME, DB_CONNECTIONS);
        Router router = Router.router(vertx);
        router.get("/profile/:id").handler(this::profile);
        router.post("/hash").handler(BodyHandler.create()).handler(this::hash);
        return vertx.createHttpServer().requestHandler(router).listen(0, "127.0.0.1")
            .map(s -> {
                server = s;
                return s.actualPort();
            });
    }

    /** GET /profile/:id: 200 with {"id":..,"name":..} from the database, or 404. */
    private void profile(RoutingContext ctx) {
        int id = Integer.parseInt(ctx.pathParam("id"));
        // JDBC blocks: on the db pool; unordered, requests are independent.
        respondWithProfile(ctx, dbPool.executeBlocking(() -> loadProfile(id), false));
    }

    /** POST /hash: 200 with the hash of the body as text. */
    private void hash(RoutingContext ctx) {
        String password = ctx.body().asString();
        respondWithHash(ctx, vertx.executeBlocking(() -> hasher.apply(password), false));
    }

    /** Stops the server, then closes both pools; completes when all three are closed. */
    public Future<Void> stop() {
        // The server first: no new request can reach a closed pool.
        Future<Void> closed = server == null ? Future.succeededFuture() : server.close();
        return closed.compose(v -> Future.all(close(hashPool), close(dbPool))).mapEmpty();
    }

    private static Future<Void> close(WorkerExecutor pool) {
        return pool == null ? Future.succeededFuture() : pool.close();
    }

    // ---- Given: the database read and the HTTP answers. ----

    /**
     * Plain blocking JDBC: the profile as JSON, or null. One connection per call stands in for a
     * connection pool of DB_CONNECTIONS (Ex06 pairs a worker pool with a real one).
     */
    private JsonObject loadProfile(int id) throws SQLException {
        try (var connection = DriverManager.getConnection(jdbcUrl);
             var statement = connection.prepareStatement("SELECT id, name FROM profiles WHERE id = ?")) {
            statement.setInt(1, id);
            try (var rows = statement.executeQuery()) {
                return rows.next() ? new JsonObject().put("id", rows.getInt(1)).put("name", rows.getString(2)) : null;
            }
        }
    }

    /** Answers 200 with the profile, 404 when there is none, 500 when the read failed. */
    private static void respondWithProfile(RoutingContext ctx, Future<JsonObject> profile) {
        profile.onSuccess(json -> {
            if (json == null) {
                ctx.response().setStatusCode(404).end();
            } else {
                ctx.json(json);
            }
        }).onFailure(ctx::fail);
    }

    /** Answers 200 with the hash as text, 500 when hashing failed. */
    private static void respondWithHash(RoutingContext ctx, Future<String> hash) {
        hash.onSuccess(ctx::end).onFailure(ctx::fail);
    }
}
