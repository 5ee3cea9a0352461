package course.mixed;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.core.buffer.Buffer;
import io.vertx.junit5.VertxExtension;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(VertxExtension.class)
@DisplayName("Ex05 · The pipeline: fetch three sources at once, compute off the loop, respond")
class Ex05_FetchComputeRespondTest {

    private final List<String> combineThreads = new CopyOnWriteArrayList<>();
    private final Function<List<String>, String> combine = bodies -> {
        combineThreads.add(Thread.currentThread().getName());
        return Pbkdf2.hash(String.join("|", bodies));   // the CPU-heavy step
    };
    private HttpServer sources;
    private Ex05_FetchComputeRespond service;

    @AfterEach
    void stopServers() throws Exception {
        if (service != null) {
            service.stop().await(2, TimeUnit.SECONDS);
        }
        if (sources != null) {
            sources.close().await(2, TimeUnit.SECONDS);
        }
    }

    @Test
    @DisplayName("/report combines the three sources, which were all requested at the same time")
    void reportCombinesAllThreeFetchedTogether(Vertx vertx) throws Exception {
        HttpResponse<Buffer> response = getReport(vertx, null);

        assertThat(response.statusCode())
            .as("Ex05: /report answered %d (%s). The sources answer only once all three requests have arrived (or 504 "
                + "after 2 s): request them all before waiting for any. Hint: three client.get(...).send() calls, then "
                + "Future.all(...)", response.statusCode(), response.bodyAsString())
            .isEqualTo(200);
        assertThat(response.bodyAsString())
            .as("Ex05: the report should be combine(bodies) with the bodies in SOURCES order")
            .isEqualTo(Pbkdf2.hash("weather-body|news-body|stocks-body"));
    }

    @Test
    @DisplayName("the CPU-heavy combine step runs on a worker thread, not on the event loop")
    void combineRunsOffTheLoop(Vertx vertx) throws Exception {
        HttpResponse<Buffer> response = getReport(vertx, null);

        assertThat(response.statusCode())
            .as("Ex05: /report should answer 200 before we can see where combine ran; it answered %d (%s)",
                response.statusCode(), response.bodyAsString())
            .isEqualTo(200);
        assertThat(combineThreads)
            .as("Ex05: combine should run exactly once, on a worker thread; it ran on %s. "
                + "Hint: vertx.executeBlocking(() -> combine.apply(bodies), false)", combineThreads)
            .hasSize(1)
            .noneMatch(name -> name.startsWith("vert.x-eventloop-thread-"));
    }

    @Test
    @DisplayName("a source that answers 500 makes /report answer 502")
    void aFailingSourceFailsTheReport(Vertx vertx) throws Exception {
        HttpResponse<Buffer> response = getReport(vertx, "/news");

        assertThat(response.statusCode())
            .as("Ex05: /news answered 500, so report() should fail and /report answer 502 (it answered %d). "
                + "An HTTP error status is not a failed future: check response.statusCode() (the given fetch() does)",
                response.statusCode())
            .isEqualTo(502);
        assertThat(combineThreads).as("Ex05: with a failed source there is nothing to combine").isEmpty();
    }

    /** Starts the sources (one of them failing, if named), the service, and GETs /report once. */
    private HttpResponse<Buffer> getReport(Vertx vertx, String failingSource) throws Exception {
        sources = startGatedSources(vertx, failingSource);
        service = new Ex05_FetchComputeRespond(vertx, sources.actualPort(), combine);
        int port = service.start().await(2, TimeUnit.SECONDS);
        WebClient client = WebClient.create(vertx);
        try {
            return client.get(port, "127.0.0.1", "/report").send().await(8, TimeUnit.SECONDS);
        } finally {
            client.close();
        }
    }

    /**
     * The three sources answer only when all three requests are waiting at once (proof that they
     * were sent concurrently); whatever is still waiting after 2 s gets 504.
     */
    private static HttpServer startGatedSources(Vertx vertx, String failingSource) throws Exception {
        List<HttpServerRequest> waiting = new ArrayList<>();   // touched only on the server's event loop
        return vertx.createHttpServer().requestHandler(request -> {
            if (waiting.isEmpty()) {
                vertx.setTimer(2_000, id -> {
                    waiting.forEach(r -> r.response().setStatusCode(504).end("not all sources were requested at once"));
                    waiting.clear();
                });
            }
            waiting.add(request);
            if (waiting.size() == Ex05_FetchComputeRespond.SOURCES.size()) {
                for (HttpServerRequest r : waiting) {
                    if (r.path().equals(failingSource)) {
                        r.response().setStatusCode(500).end("source down");
                    } else {
                        r.response().end(r.path().substring(1) + "-body");
                    }
                }
                waiting.clear();
            }
        }).listen(0, "127.0.0.1").await(2, TimeUnit.SECONDS);
    }
}
