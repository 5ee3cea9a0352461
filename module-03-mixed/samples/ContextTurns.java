import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.ThreadingModel;
import io.vertx.core.VerticleBase;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

/**
 * Module 03 sample (not an exercise): when a Vert.x context takes its next job, measured. Prints
 * the wall time of 5 jobs of 200 ms each:
 * <ol>
 *   <li>5 ordered executeBlocking jobs (each a 200 ms sleep), called from main (a fresh context
 *       per call) and from one context;</li>
 *   <li>5 concurrent HTTP requests to a virtual-thread verticle whose handler sleeps 200 ms, awaits
 *       a 200 ms timer, or awaits a 200 ms sleep in executeBlocking(..., false);</li>
 *   <li>5 concurrent event-bus requests to a consumer in a virtual-thread verticle that awaits a
 *       200 ms timer.</li>
 * </ol>
 *
 * <pre>
 *   ./mvnw -q -pl module-03-mixed validate exec:exec@turns
 * </pre>
 */
public class ContextTurns {

    static final int JOBS = 5;

    public static void main(String[] args) throws Exception {
        Vertx vertx = Vertx.vertx();
        System.out.printf("Vert.x %s, %d jobs of 200 ms each, wall time:%n",
            io.vertx.core.impl.VertxImpl.class.getPackage().getImplementationVersion(), JOBS);

        report("ordered executeBlocking from main", time(() -> {
            List<Future<Object>> jobs = new ArrayList<>();
            for (int i = 0; i < JOBS; i++) {
                jobs.add(vertx.executeBlocking(ContextTurns::sleep200));
            }
            return Future.all(jobs).await();
        }));
        report("ordered executeBlocking from one context", time(() -> {
            CompletableFuture<Object> done = new CompletableFuture<>();
            vertx.runOnContext(v -> {
                List<Future<Object>> jobs = new ArrayList<>();
                for (int i = 0; i < JOBS; i++) {
                    jobs.add(vertx.executeBlocking(ContextTurns::sleep200));
                }
                Future.all(jobs).onComplete(r -> done.complete(null));
            });
            return done.get(30, TimeUnit.SECONDS);
        }));

        HttpClient client = HttpClient.newHttpClient();
        for (String handler : new String[] {"Thread.sleep(200)", "vertx.timer(200).await()", "executeBlocking(sleep 200, false).await()"}) {
            int port = deployHttp(vertx, handler);
            client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/")).build(),
                HttpResponse.BodyHandlers.ofString());                   // warm-up: one request, untimed
            report("virtual-thread verticle, HTTP handler " + handler, time(() -> {
                List<CompletableFuture<HttpResponse<String>>> answers = new ArrayList<>();
                for (int i = 0; i < JOBS; i++) {
                    answers.add(client.sendAsync(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/")).build(),
                        HttpResponse.BodyHandlers.ofString()));
                }
                return CompletableFuture.allOf(answers.toArray(CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);
            }));
        }

        vertx.deployVerticle(new VerticleBase() {
            @Override
            public Future<?> start() {
                return vertx.eventBus().<String>consumer("turns", message -> {
                    vertx.timer(200).await();
                    message.reply("done");
                }).completion();
            }
        }, new DeploymentOptions().setThreadingModel(ThreadingModel.VIRTUAL_THREAD)).await();
        report("virtual-thread verticle, event-bus consumer awaiting a 200 ms timer", time(() -> {
            List<Future<Object>> replies = new ArrayList<>();
            for (int i = 0; i < JOBS; i++) {
                replies.add(vertx.eventBus().request("turns", "go").map(m -> m.body()));
            }
            return Future.all(replies).await();
        }));
        vertx.close().await();
    }

    /** Deploys a virtual-thread verticle with an HTTP server whose handler waits 200 ms the way {@code handler} says. */
    static int deployHttp(Vertx vertx, String handler) {
        HttpServer[] server = new HttpServer[1];
        vertx.deployVerticle(new VerticleBase() {
            @Override
            public Future<?> start() {
                server[0] = vertx.createHttpServer().requestHandler(request -> {
                    switch (handler) {
                        case "Thread.sleep(200)" -> sleep200();
                        case "vertx.timer(200).await()" -> vertx.timer(200).await();
                        default -> vertx.executeBlocking(ContextTurns::sleep200, false).await();
                    }
                    request.response().end("done");
                });
                return server[0].listen(0, "127.0.0.1");
            }
        }, new DeploymentOptions().setThreadingModel(ThreadingModel.VIRTUAL_THREAD)).await();
        return server[0].actualPort();
    }

    static Object sleep200() {
        try {
            Thread.sleep(200);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return null;
    }

    static long time(Callable<?> run) throws Exception {
        long start = System.nanoTime();
        run.call();
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
    }

    static void report(String what, long millis) {
        System.out.printf(Locale.ROOT, "  %-78s %,6d ms%n", what, millis);
    }
}
