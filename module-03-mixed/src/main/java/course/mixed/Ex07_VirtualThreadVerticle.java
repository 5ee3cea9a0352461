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
        // TODO: deploy the verticle so that its start() and its handlers run on virtual threads. Then write
        //  handle() below: while one lookup waits, the verticle must go on serving the others.
        throw new UnsupportedOperationException("Ex07 not implemented yet: deploy the verticle on virtual threads");
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
        // TODO: straight-line code, no callbacks: load the name (loadName: blocking JDBC), record the lookup on
        //  AUDIT_ADDRESS and wait for the audit's reply, then answer 404 or toJson(name). While one lookup
        //  waits (for the database or for the audit), the verticle must go on serving other lookups. A lookup
        //  or an audit that fails answers 500.
        throw new UnsupportedOperationException("Ex07 not implemented yet: load, await the audit, respond");
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
