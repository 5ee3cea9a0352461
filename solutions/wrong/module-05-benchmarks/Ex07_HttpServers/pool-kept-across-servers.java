// Wrong: one fixed pool kept in a static field for every server, sized by the first call and never closed
// Caught by: closeEndsEveryThread
package course.benchmarks;

import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Ex07 · One HTTP service, three models: a platform pool, a virtual thread per request, an event loop.
 *
 * <p>Every request waits for its database (W, 100 ms), computes (C, about 0.2 ms), and answers. A
 * request holds whatever it runs on for the whole wait. In a pool of 200 platform threads that
 * is a thread: 200 requests in flight at most, the rest queue, so the pool serves at most
 * 200 / (W + C) requests a second however many clients come. A virtual thread parks while it
 * waits and frees its carrier; an event loop sets a timer and holds nothing. The CPU part is the
 * same in every model and must never run on the event loop, which serves every connection.
 *
 * <p>The tests check what each server does, never how fast: requests in flight at once meet
 * while they wait, each step runs where its model says, and close() ends every thread. One
 * check needs a time window: a pool that runs more than poolSize requests at once is caught if
 * the extra ones, sent at the same moment, arrive within a second (the module's METHOD.md says why).
 * The benchmark ({@code verify -Pbench}) then loads each server with 100 to 2,000 connections.
 *
 * <p>Solution: the JDK server's executor is the model (a fixed pool, or a virtual thread per
 * task); on Vert.x the wait is the non-blocking query, the CPU part goes to executeBlocking
 * unordered (every request of this server shares one context: ordered jobs would run one at a
 * time), and a failure still answers.
 */
public final class Ex07_HttpServers {

    private Ex07_HttpServers() {
    }

    /** The servlet-container default: a fixed pool of {@code poolSize} platform threads runs the requests. */
    private static ExecutorService shared; // one pool for every server: threads are expensive, so keep them

    public static synchronized RunningServer fixedPool(Backend backend, int poolSize) throws IOException {
        if (shared == null || shared.isShutdown()) {
            shared = Executors.newFixedThreadPool(poolSize); // sized by the first server that asks
        }
        ExecutorService pool = shared;
        HttpServer server = JdkHttp.start(pool, blockingHandler(backend));
        return RunningServer.of(JdkHttp.port(server), () -> {
            server.stop(0); // the pool stays for the next server
        });
    }

    /** The same blocking handler, each request on a new virtual thread. */
    public static RunningServer virtualThreads(Backend backend) throws IOException {
        ExecutorService perRequest = Executors.newVirtualThreadPerTaskExecutor();
        HttpServer server = JdkHttp.start(perRequest, blockingHandler(backend));
        return RunningServer.of(JdkHttp.port(server), () -> {
            server.stop(0);
            perRequest.close();
        });
    }

    /** Thread-per-request code: wait, compute, answer, all on the request's own thread. */
    private static HttpHandler blockingHandler(Backend backend) {
        return exchange -> {
            int id = JdkHttp.id(exchange);
            backend.blockingQuery(id);
            JdkHttp.respond(exchange, backend.compute(id));
        };
    }

    /** A Vert.x server: the wait holds no thread, the CPU part never runs on the event loop. */
    public static RunningServer vertx(Backend backend) {
        Vertx vertx = Vertx.vertx();
        var server = vertx.createHttpServer()
            .requestHandler(request -> {
                int id = Integer.parseInt(request.getParam("id"));
                backend.query(vertx, id)
                    // ordered=false: every request of this server runs on one context, and ordered jobs take turns.
                    .compose(answered -> vertx.executeBlocking(() -> backend.compute(id), false))
                    .onSuccess(json -> request.response().putHeader("Content-Type", "application/json").end(json))
                    .onFailure(error -> request.response().setStatusCode(500).end());
            })
            .listen(0, "127.0.0.1")
            .await();
        return RunningServer.of(server.actualPort(), () -> vertx.close().await());
    }
}
