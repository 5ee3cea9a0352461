package course.mixed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

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
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(VertxExtension.class)
@Timeout(20)   // a cold Vert.x Web server and client on a loaded 2-core machine take seconds before the first answer
@DisplayName("Ex05 · The pipeline: fetch three sources at once, compute off the loop, respond")
class Ex05_FetchComputeRespondTest {

    private final List<String> combineThreads = new CopyOnWriteArrayList<>();
    private final Function<List<String>, String> combine = bodies -> {
        combineThreads.add(Thread.currentThread().getName());
        return Pbkdf2.hash(String.join("|", bodies));   // the CPU-heavy step
    };
    private HttpServer sources;
    private Ex05_FetchComputeRespond service;

    @BeforeAll
    static void warmUp() throws Exception {
        // Loads and warms Vert.x Web and its client once, so that the first test does not pay for it.
        Vertx vertx = Vertx.vertx();
        try {
            HttpServer server = startPlainSources(vertx);
            WebClient client = WebClient.create(vertx);
            client.get(server.actualPort(), "127.0.0.1", "/weather").send().await(20, TimeUnit.SECONDS);
            client.close();
        } finally {
            vertx.close().await(10, TimeUnit.SECONDS);
        }
    }

    @AfterEach
    void stopServers() throws Exception {
        if (service != null) {
            service.stop().await(5, TimeUnit.SECONDS);
        }
        if (sources != null) {
            sources.close().await(5, TimeUnit.SECONDS);
        }
    }

    @Tag("contract:values")
    @Tag("contract:concurrency")
    @Test
    @DisplayName("/report combines the three sources, which were all requested at the same time")
    void reportCombinesAllThreeFetchedTogether(Vertx vertx) throws Exception {
        HttpResponse<Buffer> response = getReport(vertx, null);

        assertThat(response.statusCode())
            .as("Ex05: /report answered %d (%s). The sources answer only once all three requests have arrived (or 504 "
                + "after 4 s): each fetch must be on its way before you wait for any of them", response.statusCode(), response.bodyAsString())
            .isEqualTo(200);
        assertThat(response.bodyAsString())
            .as("Ex05: the report should be combine(bodies) with the bodies in SOURCES order")
            .isEqualTo(Pbkdf2.hash("weather-body|news-body|stocks-body"));
    }

    @Tag("contract:placement")
    @Tag("contract:event-loop")
    @Test
    @DisplayName("the CPU-heavy combine step runs on Vert.x's worker pool, not on the event loop")
    void combineRunsOffTheLoop(Vertx vertx) throws Exception {
        HttpResponse<Buffer> response = getReport(vertx, null);

        assertThat(response.statusCode())
            .as("Ex05: /report should answer 200 before we can see where combine ran; it answered %d (%s)",
                response.statusCode(), response.bodyAsString())
            .isEqualTo(200);
        assertThat(combineThreads).as("Ex05: combine should run exactly once per report, but ran %d times", combineThreads.size())
            .hasSize(1);
        assertThat(combineThreads.get(0))
            .as("Ex05: combine ran on %s. %s", combineThreads.get(0),
                combineThreads.get(0).startsWith("vert.x-eventloop-thread-")
                    ? "That is the event loop: while it combines, no other request on that loop is read or answered. "
                        + "CPU work goes to a worker"
                    : "That is not one of Vert.x's workers (vert.x-worker-thread-N): a pool Vert.x does not manage (the "
                        + "JDK's common pool is shared by every parallel stream and CompletableFuture in the JVM, and has "
                        + "one thread fewer than the cores) is not bounded, watched or closed with Vert.x")
            .startsWith("vert.x-worker-thread-");
    }

    @Tag("contract:concurrency")
    @Tag("contract:event-loop")
    @Test
    @DisplayName("three /report requests at once combine side by side, although one event loop serves them all")
    void concurrentReportsCombineSideBySide(Vertx vertx) throws Exception {
        int reports = 3;
        // Each combine waits until all three are running: only combines in flight together can pass.
        CyclicBarrier allCombining = new CyclicBarrier(reports);
        sources = startPlainSources(vertx);
        service = new Ex05_FetchComputeRespond(vertx, sources.actualPort(), bodies -> {
            combineThreads.add(Thread.currentThread().getName());
            try {
                allCombining.await(3, TimeUnit.SECONDS);
            } catch (Exception e) {
                throw new IllegalStateException("not all " + reports + " combines were running at once", e);
            }
            return String.join("|", bodies);
        });
        int port = service.start().await(5, TimeUnit.SECONDS);
        WebClient client = WebClient.create(vertx);
        try {
            List<HttpResponse<Buffer>> responses = Future.all(IntStream.range(0, reports)
                    .mapToObj(i -> client.get(port, "127.0.0.1", "/report").send()).toList())
                .await(8, TimeUnit.SECONDS).list();
            assertThat(responses.stream().map(HttpResponse::statusCode).toList())
                .as("Ex05: %d /report requests at once should all answer 200 (each combine waits up to 3 s for the "
                    + "others), but they answered %s, and combine ran on %s. Every request of this server is handled on "
                    + "one event-loop context, and that context's blocking jobs queue behind each other unless you say "
                    + "they are independent", reports,
                    responses.stream().map(r -> r.statusCode() + " " + r.bodyAsString()).toList(), combineThreads)
                .containsOnly(200);
        } finally {
            client.close();
        }
    }

    @Tag("contract:errors")
    @Test
    @DisplayName("a source that answers 500 makes /report answer 502")
    void aFailingSourceFailsTheReport(Vertx vertx) throws Exception {
        AtomicReference<HttpResponse<Buffer>> answer = new AtomicReference<>();
        Throwable noAnswer = catchThrowable(() -> answer.set(getReport(vertx, "/news")));
        assertThat(noAnswer)
            .as("Ex05: /news answered 500 and /report gave no answer within 8 s (%s): report() never failed, so the "
                + "handler waits forever. A failure of any source must reach the future report() returns", noAnswer)
            .isNull();
        HttpResponse<Buffer> response = answer.get();

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
        int port = service.start().await(5, TimeUnit.SECONDS);
        WebClient client = WebClient.create(vertx);
        try {
            return client.get(port, "127.0.0.1", "/report").send().await(8, TimeUnit.SECONDS);
        } finally {
            client.close();
        }
    }

    /** The three sources, answering at once. */
    private static HttpServer startPlainSources(Vertx vertx) throws Exception {
        return vertx.createHttpServer().requestHandler(r -> r.response().end(r.path().substring(1) + "-body"))
            .listen(0, "127.0.0.1").await(5, TimeUnit.SECONDS);
    }

    /**
     * The three sources answer only when all three requests are waiting at once (proof that they
     * were sent concurrently); whatever is still waiting after 4 s gets 504.
     */
    private static HttpServer startGatedSources(Vertx vertx, String failingSource) throws Exception {
        List<HttpServerRequest> waiting = new ArrayList<>();   // touched only on the server's event loop
        return vertx.createHttpServer().requestHandler(request -> {
            if (waiting.isEmpty()) {
                vertx.setTimer(4_000, id -> {
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
        }).listen(0, "127.0.0.1").await(5, TimeUnit.SECONDS);
    }

    @Test
    @Tag("contract:lifecycle")
    @Tag("contract:state")
    @DisplayName("five reports, one after another, reuse the service's connections to the sources")
    void reportsReuseTheirConnections(Vertx vertx) throws Exception {
        java.util.concurrent.atomic.AtomicInteger connections = new java.util.concurrent.atomic.AtomicInteger();
        sources = vertx.createHttpServer()
            .connectionHandler(connection -> connections.incrementAndGet())
            .requestHandler(r -> r.response().end(r.path().substring(1) + "-body"))
            .listen(0, "127.0.0.1").await(5, TimeUnit.SECONDS);
        service = new Ex05_FetchComputeRespond(vertx, sources.actualPort(), bodies -> String.join("|", bodies));
        io.vertx.core.Context handler = vertx.getOrCreateContext();
        int reports = 5;
        for (int i = 0; i < reports; i++) {
            assertThat(course.mixed.support.OnContext.call(handler, service::report).await(8, TimeUnit.SECONDS))
                .as("Ex05: the report combines the three bodies").isEqualTo("weather-body|news-body|stocks-body");
        }
        int limit = 2 * Ex05_FetchComputeRespond.SOURCES.size();
        assertThat(connections.get())
            .as("Ex05: %d reports, one after another, opened %d connections to the sources: a report should reuse the "
                + "service's client and its kept-alive connections (at most %d here), but each one made new connections "
                + "(a WebClient created per report or per fetch, and never closed, keeps its connections open too). Hint: "
                + "one WebClient, made in the constructor and closed in stop()", reports, connections.get(), limit)
            .isLessThanOrEqualTo(limit);
    }
}
