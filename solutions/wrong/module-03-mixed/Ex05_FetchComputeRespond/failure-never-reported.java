// Wrong: completes its promise only when every source succeeded: a failing source leaves /report waiting forever
// Caught by: aFailingSourceFailsTheReport
package course.mixed;

import io.vertx.core.Promise;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import java.util.List;
import java.util.function.Function;

/**
 * Ex05 · The pipeline: fetch three sources at once, compute off the loop, respond.
 *
 * <p>This is the shape of most real handlers. The waiting part (three HTTP calls) belongs on the
 * event loop, and the handler should wait as long as the slowest source, not the sum of all
 * three. The computing part (combining the bodies, which here costs real CPU) belongs on a worker.
 * The response is written back on the event loop when the future completes.
 */
public final class Ex05_FetchComputeRespond {

    /** The three sources, fetched from {@code http://127.0.0.1:<sourcesPort>}. */
    public static final List<String> SOURCES = List.of("/weather", "/news", "/stocks");

    private final Vertx vertx;
    private final int sourcesPort;
    private final Function<List<String>, String> combine;
    private final WebClient client;
    private HttpServer server;

    /**
     * @param sourcesPort where the three sources are served (on 127.0.0.1)
     * @param combine     the CPU-heavy step: turns the three bodies, in {@link #SOURCES} order,
     *                    into the report
     */
    public Ex05_FetchComputeRespond(Vertx vertx, int sourcesPort, Function<List<String>, String> combine) {
        this.vertx = vertx;
        this.sourcesPort = sourcesPort;
        this.combine = combine;
        this.client = WebClient.create(vertx);
    }

    /** Starts the report server (GET /report) on a random loopback port; completes with the port. */
    public Future<Integer> start() {
        Router router = Router.router(vertx);
        router.get("/report").handler(ctx -> report()
            .onSuccess(ctx::end)
            .onFailure(err -> ctx.response().setStatusCode(502).end("sources failed: " + err.getMessage())));
        return vertx.createHttpServer().requestHandler(router).listen(0, "127.0.0.1")
            .map(s -> {
                server = s;
                return s.actualPort();
            });
    }

    /**
     * Fetches the three {@link #SOURCES} concurrently, then runs {@code combine} on their
     * bodies (in {@code SOURCES} order) on a worker thread. Fails if a source fails or
     * answers with a status other than 200.
     */
    public Future<String> report() {
        Promise<String> report = Promise.promise();
        List<Future<String>> bodies = SOURCES.stream().map(this::fetch).toList();
        Future.all(bodies).onSuccess(all -> vertx.executeBlocking(() -> combine.apply(all.<String>list()), false)
            .onSuccess(report::complete));
        return report.future();
    }

    /** GETs one source (given); fails unless it answers 200. */
    private Future<String> fetch(String path) {
        return client.get(sourcesPort, "127.0.0.1", path).send().compose(Ex05_FetchComputeRespond::bodyIfOk);
    }

    // An HTTP error is a successful exchange for the client: turn it into a failed future here.
    private static Future<String> bodyIfOk(HttpResponse<Buffer> response) {
        return response.statusCode() == 200
            ? Future.succeededFuture(response.bodyAsString())
            : Future.failedFuture("source answered " + response.statusCode());
    }

    /** Stops the server and the client. */
    public Future<Void> stop() {
        client.close();
        return server == null ? Future.succeededFuture() : server.close();
    }
}
