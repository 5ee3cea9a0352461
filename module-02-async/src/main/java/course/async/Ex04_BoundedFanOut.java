package course.async;

import io.vertx.core.Future;
import io.vertx.core.http.HttpResponseExpectation;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import java.util.List;

/**
 * Ex04 · Fan-out over HTTP with at most K requests in flight.
 *
 * <p>One event loop can wait on thousands of sockets, so "fetch these N URLs" costs no threads.
 * It still costs the other side: firing all N at once can flood a server or a connection pool.
 * The async answer to a thread pool's size is a concurrency limit: K "lanes", each of which starts
 * the next request only when its previous one has answered. No thread waits; the limit is a count.
 */
public final class Ex04_BoundedFanOut {

    private Ex04_BoundedFanOut() {
    }

    /**
     * GETs every URL with the web client, never more than {@code maxInFlight} at a time, and
     * completes with the bodies in the order of {@code urls} (not the order they answered in).
     */
    public static Future<List<String>> fetchAll(WebClient client, List<String> urls, int maxInFlight) {
        // TODO: fetch every URL (fetchOne) with exactly maxInFlight requests in flight while URLs remain:
        //  not 1, not all N, and a request that answers makes room for the next URL at once (no
        //  batches). Bodies in URL order; a failed request fails the result. No thread may wait.
        throw new UnsupportedOperationException("Ex04 not implemented yet: fetch every URL with at most maxInFlight requests at a time");
    }

    /** One GET; a non-200 answer is a failure. */
    @SuppressWarnings("unused")
    private static Future<String> fetchOne(WebClient client, String url) {
        return client.getAbs(url).send()
            .expecting(HttpResponseExpectation.SC_OK)
            .map(HttpResponse::bodyAsString);
    }
}
