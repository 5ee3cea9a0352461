package course.async;

import static org.assertj.core.api.Assertions.assertThat;

import course.async.support.Await;
import course.async.support.SlowHttpServer;
import io.vertx.core.CompositeFuture;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.PoolOptions;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.junit5.VertxExtension;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

@DisplayName("Ex04 · Fan-out over HTTP with at most K requests in flight")
@ExtendWith(VertxExtension.class)
class Ex04_BoundedFanOutTest {

    private SlowHttpServer server;
    private WebClient client;
    private Context eventLoop;

    /** A local server whose answers take 250 ms (long enough for K requests to overlap on a loaded machine); it closes with the Vertx instance after each test. */
    @BeforeEach
    @Timeout(30)   // the server's start-up, bounded by SlowHttpServer itself
    void startServer(Vertx vertx) {
        server = SlowHttpServer.start(vertx, 250);
        client = WebClient.create(vertx);
        eventLoop = vertx.getOrCreateContext();
    }

    @Tag("contract:values")
    @Tag("contract:concurrency")
    @Tag("contract:cores")
    @Test
    @DisplayName("10 URLs with a limit of 3: exactly 3 requests in flight at the peak, bodies in input order")
    void keepsExactlyKInFlight() {
        List<String> urls = server.itemUrls(10);

        List<String> bodies = Await.result(
            Await.onEventLoop(eventLoop, () -> Ex04_BoundedFanOut.fetchAll(client, urls, 3)),
            "Ex04: fetchAll should complete with every body");

        int peak = server.peakInFlight();
        assertThat(peak)
            .as("Ex04: the server saw at most %d requests at once; with a limit of 3 it should see exactly 3 "
                + "(1 means one after another, 5 or 10 means no limit). Hint: start 3 lanes, each fetches its next URL when the previous one answered", peak)
            .isEqualTo(3);
        assertThat(server.requestsReceived()).as("Ex04: each URL should be fetched exactly once").isEqualTo(10);
        assertThat(bodies)
            .as("Ex04: bodies must come back in the order of the URLs. Hint: store each body at its URL's index")
            .containsExactlyElementsOf(IntStream.range(0, 10).mapToObj(i -> "/item/" + i).toList());
    }

    @Tag("contract:values")
    @Tag("contract:concurrency")
    @Test
    @DisplayName("a lane whose answer came back starts its next request at once, without waiting for slower lanes; bodies stay in input order")
    void keepsInputOrder() {
        // Even items answer slowly, odd items fast: arrival order differs from input order.
        List<String> urls = IntStream.range(0, 8)
            .mapToObj(i -> server.url("/item/" + i + "?delay=" + (i % 2 == 0 ? 600 : 20)))
            .toList();

        List<String> bodies = Await.result(
            Await.onEventLoop(eventLoop, () -> Ex04_BoundedFanOut.fetchAll(client, urls, 4)),
            "Ex04: fetchAll should complete with every body");

        int peak = server.peakInFlight();
        assertThat(peak)
            .as("Ex04: with a limit of 4 the server should see exactly 4 requests at once, but saw %d", peak)
            .isEqualTo(4);
        // Lanes: /item/1 and /item/3 answer after 20 ms and their lanes move on to /item/4, /item/5, /item/6 while
        // /item/0 still takes 300 ms. Batches of 4 (Future.all on each group) start nothing before all 4 answered.
        int receivedBeforeSlowAnswer = server.requestsReceivedWhenAnswering("/item/0");
        assertThat(receivedBeforeSlowAnswer)
            .as("Ex04: when the slow /item/0 answered (after 600 ms), the server had received only %d requests: the fast "
                + "lanes waited for the slow one, so fewer than 4 were in flight most of the time. Hint: lanes, not batches: "
                + "each lane starts its next URL as soon as ITS request answers (compose), not after Future.all of a group",
                receivedBeforeSlowAnswer)
            .isGreaterThan(4);
        assertThat(bodies)
            .as("Ex04: bodies in URL order, not in the order the answers arrived. Hint: store each body at its URL's index, not where the next free slot is")
            .containsExactlyElementsOf(IntStream.range(0, 8).mapToObj(i -> "/item/" + i).toList());
    }

    @Tag("contract:concurrency")
    @Tag("contract:cores")
    @Test
    @DisplayName("a limit above the machine's core count: exactly that many requests in flight, since waiting requests use no core")
    void aLimitAboveTheCoreCount(Vertx vertx) {
        int cores = Runtime.getRuntime().availableProcessors();
        int limit = Math.max(6, 2 * cores + 1);
        // A client whose connection pool is wide enough for the limit (the default holds 5), and answers of 1 s, so that
        // even a loaded machine opens all the connections before the first answer.
        WebClient wide = WebClient.create(vertx, new WebClientOptions(), new PoolOptions().setHttp1MaxSize(limit));
        List<String> urls = IntStream.range(0, limit + 2).mapToObj(i -> server.url("/item/" + i + "?delay=1000")).toList();

        List<String> bodies = Await.result(
            Await.onEventLoop(eventLoop, () -> Ex04_BoundedFanOut.fetchAll(wide, urls, limit)),
            "Ex04: fetchAll should complete with every body");

        int peak = server.peakInFlight();
        assertThat(peak)
            .as("Ex04: with a limit of %d on this %d-core machine the server should see exactly %d requests at once, but saw %d. "
                + "Hint: the limit is the caller's parameter; a request in flight waits without using a core, so the cores are no bound here",
                limit, cores, limit, peak)
            .isEqualTo(limit);
        assertThat(bodies)
            .as("Ex04: bodies in URL order. Hint: store each body at its URL's index")
            .containsExactlyElementsOf(IntStream.range(0, limit + 2).mapToObj(i -> "/item/" + i).toList());
    }

    @Tag("contract:concurrency")
    @Test
    @DisplayName("the URLs are shared work: while one lane waits for a slow answer, the other lane fetches all the rest")
    void aFreeLaneTakesTheNextUrl() {
        // /item/0 takes 1.5 s, the seven others 10 ms each. Two lanes that take the next unclaimed URL: one waits for
        // /item/0, the other fetches /item/1 to /item/7 meanwhile. Lanes with fixed shares (lane j gets j, j+K, ...)
        // leave /item/2, /item/4 and /item/6 waiting behind /item/0; batches leave everything waiting.
        List<String> urls = IntStream.range(0, 8)
            .mapToObj(i -> server.url("/item/" + i + "?delay=" + (i == 0 ? 1_500 : 10)))
            .toList();

        List<String> bodies = Await.result(
            Await.onEventLoop(eventLoop, () -> Ex04_BoundedFanOut.fetchAll(client, urls, 2)),
            "Ex04: fetchAll should complete with every body");

        int peak = server.peakInFlight();
        assertThat(peak).as("Ex04: with a limit of 2 the server should see exactly 2 requests at once, but saw %d", peak).isEqualTo(2);
        int receivedBeforeSlowAnswer = server.requestsReceivedWhenAnswering("/item/0");
        assertThat(receivedBeforeSlowAnswer)
            .as("Ex04: when the slow /item/0 answered (after 1.5 s), the server had received only %d of the 8 requests: the free lane "
                + "did not take the remaining URLs. Hint: the URLs are one shared queue; whichever lane is free claims the next "
                + "unclaimed index (not a fixed share per lane, not batches)", receivedBeforeSlowAnswer)
            .isGreaterThan(5);
        assertThat(bodies)
            .as("Ex04: bodies in URL order. Hint: store each body at its URL's index")
            .containsExactlyElementsOf(IntStream.range(0, 8).mapToObj(i -> "/item/" + i).toList());
    }

    @Tag("contract:state")
    @Tag("contract:event-loop")
    @Test
    @DisplayName("two fan-outs side by side on one event loop: each keeps its own limit, its own URLs and its own order")
    void twoFanOutsSideBySide() {
        List<String> first = IntStream.range(0, 6).mapToObj(i -> server.url("/item/" + i)).toList();
        List<String> second = IntStream.range(100, 106).mapToObj(i -> server.url("/item/" + i)).toList();

        CompositeFuture both = Await.result(
            Await.onEventLoop(eventLoop, () -> Future.all(Ex04_BoundedFanOut.fetchAll(client, first, 2), Ex04_BoundedFanOut.fetchAll(client, second, 3))),
            "Ex04: two fetchAll calls started together should both complete with every body");

        assertThat(List.of(both.<List<String>>resultAt(0), both.<List<String>>resultAt(1)))
            .as("Ex04: two fan-outs running at the same time should each get their own 6 bodies, in their own URL order. "
                + "Hint: the next index and the bodies belong to one call: keep them in local variables, not in static fields that every call shares")
            .containsExactly(IntStream.range(0, 6).mapToObj(i -> "/item/" + i).toList(), IntStream.range(100, 106).mapToObj(i -> "/item/" + i).toList());
        assertThat(server.peakInFlight())
            .as("Ex04: a fan-out limited to 2 and one limited to 3, side by side, should have 2 + 3 = 5 requests in flight at the peak, but the server saw %d. "
                + "Hint: each call's limit is its own parameter; a limiter kept in a static field (or made on the first call) is shared by every call", server.peakInFlight())
            .isEqualTo(5);
    }

    @Tag("contract:errors")
    @Test
    @DisplayName("a request that fails fails the whole fan-out")
    void aFailedRequestFailsTheResult() {
        List<String> urls = List.of(server.url("/item/0"), server.url("/broken?failures=99"), server.url("/item/2"));

        Throwable error = Await.failure(
            Await.onEventLoop(eventLoop, () -> Ex04_BoundedFanOut.fetchAll(client, urls, 2)),
            "Ex04: a 500 answer must fail fetchAll, not leave a hole in the list. Hint: keep fetchOne's expecting(SC_OK) and compose on it");

        assertThat(error).as("Ex04: the failure should name the bad status").hasMessageContaining("500");
    }
}
