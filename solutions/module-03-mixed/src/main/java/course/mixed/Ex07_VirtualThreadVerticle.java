package course.mixed;

import io.vertx.core.AbstractVerticle;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.ThreadingModel;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonObject;
import java.sql.DriverManager;
import java.sql.SQLException;

/**
 * Ex07 · Straight-line JDBC in a virtual-thread verticle: interleaving only at await().
 *
 * <p>Deployed with {@code ThreadingModel.VIRTUAL_THREAD}, a verticle runs each event (here: each
 * HTTP request) on a virtual thread, and an async call reads like a plain call:
 * {@code future.await()} suspends this handler and resumes it with the value. But the verticle
 * still handles <em>one event at a time</em>, like any verticle: the next request starts only
 * when this handler returns or reaches an {@code await()}. A blocking call (JDBC) parks the
 * virtual thread and frees its carrier for other virtual threads, yet it is no {@code await()}:
 * the verticle's next request waits behind it (5 requests that each {@code Thread.sleep(200)}
 * took 1.0 to 1.1 s here; with {@code vertx.timer(200).await()}, 0.21 to 0.25 s: samples/ContextTurns.java). So a blocking
 * call is handed to a thread of its own and awaited. (The in-memory H2 database of these tests
 * does not even wait: its queries are CPU and locks. A networked database would wait.)
 */
public final class Ex07_VirtualThreadVerticle extends AbstractVerticle {

    /** Every lookup is recorded here (request: the Integer id) before the response is sent. */
    public static final String AUDIT_ADDRESS = "audit.record";

    private final String jdbcUrl;
    private volatile int port;

    public Ex07_VirtualThreadVerticle(String jdbcUrl) {
        this.jdbcUrl = jdbcUrl;
    }

    /** Deploys {@code verticle} so that its start() and its handlers run on virtual threads. */
    public static Future<String> deploy(Vertx vertx, Ex07_VirtualThreadVerticle verticle) {
        return vertx.deployVerticle(verticle, new DeploymentOptions().setThreadingModel(ThreadingModel.VIRTUAL_THREAD));
    }

    /**
     * Starts an HTTP server on a random loopback port; for {@code GET /profile?id=N} it loads the
     * name with {@link #loadName}, awaits the audit request, then responds with {@link #toJson}
     * (404 if there is no such profile).
     */
    @Override
    public void start() {
        port = vertx.createHttpServer()
            .requestHandler(this::handle)
            .listen(0, "127.0.0.1")
            .await()                 // straight-line, even in start()
            .actualPort();
    }

    private void handle(HttpServerRequest request) {
        int id = Integer.parseInt(request.getParam("id"));
        // Blocking JDBC would hold this verticle: its next request could not start until this one
        // returned. Wrapped in executeBlocking (on a virtual-thread verticle: a virtual thread of
        // its own) and awaited, the wait becomes a point where the verticle takes the next request.
        String name;
        try {
            name = vertx.executeBlocking(() -> loadName(id), false).await();
            vertx.eventBus().request(AUDIT_ADDRESS, id).await();    // an async call, read like a plain call
        } catch (Exception failure) {
            // await() throws what failed (the database, the audit): answer it, or the client waits for ever.
            request.response().setStatusCode(500).end("lookup failed: " + failure.getMessage());
            return;
        }
        if (name == null) {
            request.response().setStatusCode(404).end();
        } else {
            request.response().end(toJson(name).encode());
        }
    }

    /** The port the server listens on, once deployed. */
    public int port() {
        return port;
    }

    /** Plain blocking JDBC (given): the profile's name, or null. */
    private String loadName(int id) {
        try (var connection = DriverManager.getConnection(jdbcUrl);
             var statement = connection.prepareStatement("SELECT name FROM profiles WHERE id = ?")) {
            statement.setInt(1, id);
            try (var rows = statement.executeQuery()) {
                return rows.next() ? rows.getString(1) : null;
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The response body (given): the name and the thread that served it. */
    private static JsonObject toJson(String name) {
        return new JsonObject().put("name", name).put("servedBy", Thread.currentThread().getName());
    }
}
