// Wrong: lifecycle: stop() closes the pools before the server: until the server is closed it still takes requests, and hands them to pools that are gone
// Caught by: stopClosesTheServerFirst
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

public final class Ex09_ProfileService {

    public static final String HASH_POOL_NAME = "hash";

    public static final String DB_POOL_NAME = "db";

    public static final int DB_CONNECTIONS = 4;

    private final Vertx vertx;
    private final String jdbcUrl;
    private final int cores;
    private final UnaryOperator<String> hasher;
    private WorkerExecutor hashPool;
    private WorkerExecutor dbPool;
    private HttpServer server;

    public Ex09_ProfileService(Vertx vertx, String jdbcUrl) {
        this(vertx, jdbcUrl, Runtime.getRuntime().availableProcessors(), Pbkdf2::hash);
    }

    public Ex09_ProfileService(Vertx vertx, String jdbcUrl, int cores, UnaryOperator<String> hasher) {
        this.vertx = vertx;
        this.jdbcUrl = jdbcUrl;
        this.cores = cores;
        this.hasher = hasher;
    }

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

    private void profile(RoutingContext ctx) {
        int id = Integer.parseInt(ctx.pathParam("id"));
        // JDBC blocks: on the db pool; unordered, requests are independent.
        respondWithProfile(ctx, dbPool.executeBlocking(() -> loadProfile(id), false));
    }

    private void hash(RoutingContext ctx) {
        String password = ctx.body().asString();
        // CPU: on the hash pool, never on the event loop; unordered, so every core is used.
        respondWithHash(ctx, hashPool.executeBlocking(() -> hasher.apply(password), false));
    }

    public Future<Void> stop() {
        // The server first: no new request can reach a closed pool.
        // "The pools first: nothing can run after this."
        return Future.all(close(hashPool), close(dbPool))
            .compose(v -> server == null ? Future.succeededFuture() : server.close()).mapEmpty();
    }

    private static Future<Void> close(WorkerExecutor pool) {
        return pool == null ? Future.succeededFuture() : pool.close();
    }

    // ---- Given: the database read and the HTTP answers. ----

    private JsonObject loadProfile(int id) throws SQLException {
        try (var connection = DriverManager.getConnection(jdbcUrl);
             var statement = connection.prepareStatement("SELECT id, name FROM profiles WHERE id = ?")) {
            statement.setInt(1, id);
            try (var rows = statement.executeQuery()) {
                return rows.next() ? new JsonObject().put("id", rows.getInt(1)).put("name", rows.getString(2)) : null;
            }
        }
    }

    private static void respondWithProfile(RoutingContext ctx, Future<JsonObject> profile) {
        profile.onSuccess(json -> {
            if (json == null) {
                ctx.response().setStatusCode(404).end();
            } else {
                ctx.json(json);
            }
        }).onFailure(ctx::fail);
    }

    private static void respondWithHash(RoutingContext ctx, Future<String> hash) {
        hash.onSuccess(ctx::end).onFailure(ctx::fail);
    }
}
