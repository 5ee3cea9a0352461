package course.async.support;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.client.WebClient;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

/**
 * A real HTTP server on a random loopback port whose every answer takes a while, like a remote
 * service. It waits with a Vert.x timer, never with sleep, so one event loop can hold many slow
 * requests at once, and it counts how many are in flight (the peak is what the fan-out tests
 * assert).
 *
 * <p>Any path works; the body of a 200 answer is the path itself ("/item/3" answers "/item/3").
 * Query parameters: {@code delay=ms} overrides the default delay; {@code failures=n} makes the
 * first n requests to that path answer 500 (a flaky endpoint).
 */
public final class SlowHttpServer {

    /** The server's own start-up may take this long on a heavily loaded machine; it is not what a test checks. */
    public static final long SETUP_SECONDS = 20;

    private final Vertx vertx;
    private final long defaultDelayMs;
    private volatile InFlightCounter inFlight = new InFlightCounter();
    private final AtomicInteger answered = new AtomicInteger();
    private final Map<String, AtomicInteger> requestsPerPath = new ConcurrentHashMap<>();
    private final Map<String, Integer> receivedWhenAnswered = new ConcurrentHashMap<>();
    private HttpServer server;

    private SlowHttpServer(Vertx vertx, long defaultDelayMs) {
        this.vertx = vertx;
        this.defaultDelayMs = defaultDelayMs;
    }

    /** Starts a server on 127.0.0.1 and a free port; every answer takes {@code defaultDelayMs}. */
    public static SlowHttpServer start(Vertx vertx, long defaultDelayMs) {
        SlowHttpServer slow = new SlowHttpServer(vertx, defaultDelayMs);
        Future<HttpServer> listening = vertx.createHttpServer()
            .requestHandler(slow::handle)
            .listen(0, "127.0.0.1");
        slow.server = Await.result(listening, SETUP_SECONDS, () -> "test server could not start");
        // One request before the test starts, so the first HTTP test of the run does not pay for
        // loading the HTTP stack while it is being timed; then the counters start from zero.
        WebClient warmUp = WebClient.create(vertx);
        Await.result(warmUp.getAbs(slow.url("/warm-up?delay=1")).send(), SETUP_SECONDS, () -> "test server did not answer its warm-up request");
        Await.result(warmUp.getAbs(slow.url("/warm-up?delay=1")).send(), SETUP_SECONDS, () -> "test server did not answer its warm-up request");
        warmUp.close();
        slow.inFlight = new InFlightCounter();
        slow.answered.set(0);
        slow.requestsPerPath.clear();
        slow.receivedWhenAnswered.clear();
        return slow;
    }

    private void handle(HttpServerRequest request) {
        InFlightCounter counter = inFlight;
        counter.enter();
        String path = request.path();
        int attempt = requestsPerPath.computeIfAbsent(path, p -> new AtomicInteger()).incrementAndGet();
        long delay = param(request, "delay", defaultDelayMs);
        long failures = param(request, "failures", 0);
        vertx.setTimer(Math.max(1, delay), id -> {
            // Leave the in-flight count BEFORE answering: the client cannot start its next request
            // before it has this answer, so a correct limit of K is never seen as K + 1.
            counter.exit();
            answered.incrementAndGet();
            receivedWhenAnswered.put(path, counter.started());
            if (attempt <= failures) {
                request.response().setStatusCode(500).end("flaky: attempt " + attempt + " failed");
            } else {
                request.response().end(path);
            }
        });
    }

    private static long param(HttpServerRequest request, String name, long fallback) {
        String value = request.getParam(name);
        return value == null ? fallback : Long.parseLong(value);
    }

    /** An absolute URL for {@code pathAndQuery} on this server, e.g. url("/item/1"). */
    public String url(String pathAndQuery) {
        return "http://127.0.0.1:" + server.actualPort() + pathAndQuery;
    }

    /** The URLs /item/0 .. /item/(n-1). */
    public List<String> itemUrls(int n) {
        return IntStream.range(0, n).mapToObj(i -> url("/item/" + i)).toList();
    }

    /** The most requests this server has held at the same time. */
    public int peakInFlight() {
        return inFlight.peak();
    }

    /** Requests received so far (answered or not). */
    public int requestsReceived() {
        return inFlight.started();
    }

    /** Requests received on one path (attempts at a flaky endpoint). */
    public int requestsTo(String path) {
        AtomicInteger count = requestsPerPath.get(path);
        return count == null ? 0 : count.get();
    }

    /**
     * How many requests (on any path) the server had received when it answered {@code path}; shows
     * whether a client kept sending while a slow answer was still pending.
     */
    public int requestsReceivedWhenAnswering(String path) {
        Integer received = receivedWhenAnswered.get(path);
        return received == null ? 0 : received;
    }

    /** Answers sent so far (200 or 500). */
    public int answersSent() {
        return answered.get();
    }
}
