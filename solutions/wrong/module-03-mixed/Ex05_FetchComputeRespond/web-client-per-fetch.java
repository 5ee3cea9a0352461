// Wrong: a new WebClient for every fetch, never closed: each report opens three new connections that nobody closes or reuses
// Caught by: reportsReuseTheirConnections
package course.mixed;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import java.util.List;
import java.util.function.Function;

public final class Ex05_FetchComputeRespond {

    public static final List<String> SOURCES = List.of("/weather", "/news", "/stocks");

    private final Vertx vertx;
    private final int sourcesPort;
    private final Function<List<String>, String> combine;
    private final WebClient client;
    private HttpServer server;

    public Ex05_FetchComputeRespond(Vertx vertx, int sourcesPort, Function<List<String>, String> combine) {
        this.vertx = vertx;
        this.sourcesPort = sourcesPort;
        this.combine = combine;
        this.client = WebClient.create(vertx);
    }

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

    public Future<String> report() {
        // Fire all three requests before waiting on any: the waits overlap.
        List<Future<String>> bodies = SOURCES.stream().map(this::fetch).toList();
        return Future.all(bodies)
            .map(all -> all.<String>list())
            // The combine step is CPU: off the event loop, unordered (reports are independent).
            .compose(list -> vertx.executeBlocking(() -> combine.apply(list), false));
    }

    private Future<String> fetch(String path) {
        // A fresh client per fetch: "no state shared between requests".
        return WebClient.create(vertx).get(sourcesPort, "127.0.0.1", path).send().compose(Ex05_FetchComputeRespond::bodyIfOk);
    }

    // An HTTP error is a successful exchange for the client: turn it into a failed future here.
    private static Future<String> bodyIfOk(HttpResponse<Buffer> response) {
        return response.statusCode() == 200
            ? Future.succeededFuture(response.bodyAsString())
            : Future.failedFuture("source answered " + response.statusCode());
    }

    public Future<Void> stop() {
        client.close();
        return server == null ? Future.succeededFuture() : server.close();
    }
}
