package course.benchmarks.harness;

import course.benchmarks.Backend;
import course.benchmarks.RunningServer;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.ThreadingModel;
import io.vertx.core.VerticleBase;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;

/**
 * Ex07's Vert.x server two more ways, so that the HTTP benchmark compares models on ONE server
 * (Netty, one server instance on one event loop, as Ex07's) instead of comparing the JDK's server
 * with Netty. Harness code, not an exercise: the learner writes the event-loop server (Ex07's
 * {@code vertx}); these two differ from it only in what runs a request's steps.
 *
 * <ul>
 *   <li>{@link #virtualThreadVerticle}: the handler runs on a virtual thread of a verticle deployed
 *   with {@link ThreadingModel#VIRTUAL_THREAD}, written as blocking code: it {@code await}s the
 *   database's future and then the CPU part. A Vert.x context runs one task at a time and lets the
 *   next one in only while a task is in {@code await}: a {@code Thread.sleep} there would hold the
 *   verticle, so requests would take turns; and the CPU part computed on that thread would let one
 *   request compute at a time. So the wait is {@code Future.await} on the same timer as Ex07's,
 *   and the CPU part goes where Ex07's goes ({@code executeBlocking}, unordered), awaited.</li>
 *   <li>{@link #workerPool}: the handler hands the whole request to a named pool of
 *   {@code poolSize} worker threads ({@code executeBlocking}, unordered), which blocks in the
 *   database call as JDBC would: the JDK fixed pool's model on Netty.</li>
 * </ul>
 */
public final class VertxServers {

    /** The worker pool's threads are named after it ("http-workers-3"), so the busiest thread says which pool it was. */
    static final String WORKER_POOL = "http-workers";

    private VertxServers() {
    }

    /** The event-loop server's twin whose requests run on virtual threads (a virtual-thread verticle). */
    public static RunningServer virtualThreadVerticle(Backend backend) {
        Vertx vertx = Vertx.vertx();
        HttpServer[] listening = new HttpServer[1];
        try {
            vertx.deployVerticle(new VerticleBase() {
                @Override
                public Future<?> start() {
                    return vertx.createHttpServer()
                        .requestHandler(request -> {
                            try {
                                int id = id(request);
                                backend.query(vertx, id).await(); // parks this request's virtual thread; the verticle serves others
                                String json = vertx.executeBlocking(() -> backend.compute(id), false).await();
                                answer(request, json);
                            } catch (Exception e) { // await() throws what failed the future
                                request.response().setStatusCode(500).end();
                            }
                        })
                        .listen(0, "127.0.0.1")
                        .onSuccess(server -> listening[0] = server);
                }
            }, new DeploymentOptions().setThreadingModel(ThreadingModel.VIRTUAL_THREAD)).await();
        } catch (RuntimeException e) {
            vertx.close().await();
            throw e;
        }
        return RunningServer.of(listening[0].actualPort(), () -> vertx.close().await());
    }

    /** The event-loop server's twin whose requests block on a pool of {@code poolSize} worker threads. */
    public static RunningServer workerPool(Backend backend, int poolSize) {
        Vertx vertx = Vertx.vertx();
        WorkerExecutor pool = vertx.createSharedWorkerExecutor(WORKER_POOL, poolSize);
        HttpServer server;
        try {
            server = vertx.createHttpServer()
                .requestHandler(request -> {
                    int id;
                    try {
                        id = id(request);
                    } catch (RuntimeException e) {
                        request.response().setStatusCode(500).end();
                        return;
                    }
                    // ordered=false: every request shares the server's context, and ordered jobs would take turns.
                    pool.executeBlocking(() -> {
                        backend.blockingQuery(id); // holds this worker thread for the whole wait, as a JDBC call would
                        return backend.compute(id);
                    }, false)
                        .onSuccess(json -> answer(request, json))
                        .onFailure(error -> request.response().setStatusCode(500).end());
                })
                .listen(0, "127.0.0.1")
                .await();
        } catch (RuntimeException e) {
            vertx.close().await();
            throw e;
        }
        return RunningServer.of(server.actualPort(), () -> {
            pool.close().await();
            vertx.close().await();
        });
    }

    private static int id(HttpServerRequest request) {
        return Integer.parseInt(request.getParam("id"));
    }

    private static void answer(HttpServerRequest request, String json) {
        request.response().putHeader("Content-Type", "application/json").end(json);
    }
}
