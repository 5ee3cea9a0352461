package course.mixed.support;

import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.ThreadingModel;
import io.vertx.core.Vertx;
import io.vertx.core.VerticleBase;
import io.vertx.ext.web.client.WebClient;
import java.sql.DriverManager;
import java.util.concurrent.TimeUnit;

/**
 * Loads and warms, once per test class, what the tests use but do not measure: Vert.x, an HTTP
 * server and client, a virtual-thread verticle, the event bus, H2 and the watched JDBC driver.
 * On a 2-core machine loaded by other builds, the first request of a cold JVM took over 10 s,
 * which would otherwise count against the first test's time limit.
 */
public final class WarmUp {

    private WarmUp() {
    }

    /** One request through all of it; the tests' set-up time limit (30 s) covers this. */
    public static void vertxHttpAndJdbc() throws Exception {
        Vertx vertx = Vertx.vertx();
        try (ProfilesDb db = new ProfilesDb()) {
            vertx.eventBus().consumer("warm-up", message -> message.reply("ok"));
            int[] port = new int[1];
            VerticleBase verticle = new VerticleBase() {
                @Override
                public Future<?> start() {
                    return vertx.createHttpServer().requestHandler(request -> {
                        String name = vertx.executeBlocking(() -> {
                            try (var connection = DriverManager.getConnection(db.watchedUrl());
                                 var statement = connection.createStatement();
                                 var rows = statement.executeQuery("SELECT name FROM profiles WHERE id = 1")) {
                                return rows.next() ? rows.getString(1) : "";
                            }
                        }, false).await();
                        vertx.eventBus().request("warm-up", name).await();
                        request.response().end(name);
                    }).listen(0, "127.0.0.1").onSuccess(server -> port[0] = server.actualPort());
                }
            };
            vertx.deployVerticle(verticle, new DeploymentOptions().setThreadingModel(ThreadingModel.VIRTUAL_THREAD))
                .await(20, TimeUnit.SECONDS);
            WebClient client = WebClient.create(vertx);
            client.get(port[0], "127.0.0.1", "/").send().await(20, TimeUnit.SECONDS);
            client.close();
        } finally {
            vertx.close().await(10, TimeUnit.SECONDS);
        }
    }
}
