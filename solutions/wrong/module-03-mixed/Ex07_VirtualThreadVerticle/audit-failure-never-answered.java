// Wrong: error path: when the audit (or the lookup) fails, await() throws out of the handler and nobody answers: the client waits for ever
// Caught by: aFailedAuditAnswers500
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

public final class Ex07_VirtualThreadVerticle extends AbstractVerticle {

    public static final String AUDIT_ADDRESS = "audit.record";

    private final String jdbcUrl;
    private volatile int port;

    public Ex07_VirtualThreadVerticle(String jdbcUrl) {
        this.jdbcUrl = jdbcUrl;
    }

    public static Future<String> deploy(Vertx vertx, Ex07_VirtualThreadVerticle verticle) {
        return vertx.deployVerticle(verticle, new DeploymentOptions().setThreadingModel(ThreadingModel.VIRTUAL_THREAD));
    }

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
        String name = vertx.executeBlocking(() -> loadName(id), false).await();
        vertx.eventBus().request(AUDIT_ADDRESS, id).await();        // an async call, read like a plain call
        if (name == null) {
            request.response().setStatusCode(404).end();
        } else {
            request.response().end(toJson(name).encode());
        }
    }

    public int port() {
        return port;
    }

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

    private static JsonObject toJson(String name) {
        return new JsonObject().put("name", name).put("servedBy", Thread.currentThread().getName());
    }
}
