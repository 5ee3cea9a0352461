// Wrong: keeps the next index in a static field, reset at the start of each call: two fan-outs at the same time claim each other's indexes
// Caught by: twoFanOutsSideBySide
package course.async;

import io.vertx.core.Future;
import io.vertx.core.http.HttpResponseExpectation;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Ex04 · Fan-out over HTTP with at most K requests in flight.
 *
 * <p>One event loop can wait on thousands of sockets, so "fetch these N URLs" costs no threads.
 * It still costs the other side: firing all N at once can flood a server or a connection pool.
 * The async answer to a thread pool's size is a concurrency limit: K "lanes", each of which starts
 * the next request only when its previous one has answered. No thread waits; the limit is a count.
 */
public final class Ex04_BoundedFanOut {

    private static final AtomicInteger NEXT_INDEX = new AtomicInteger();

    private Ex04_BoundedFanOut() {
    }

    /**
     * GETs every URL with the web client, never more than {@code maxInFlight} at a time, and
     * completes with the bodies in the order of {@code urls} (not the order they answered in).
     */
    public static Future<List<String>> fetchAll(WebClient client, List<String> urls, int maxInFlight) {
        String[] bodies = new String[urls.size()];
        AtomicInteger nextIndex = NEXT_INDEX;
        nextIndex.set(0);                                         // a fresh start for this call
        List<Future<Void>> lanes = new ArrayList<>();
        // K lanes run side by side; each one fetches URLs one after another until none are left.
        for (int lane = 0; lane < Math.min(maxInFlight, urls.size()); lane++) {
            lanes.add(runLane(client, urls, bodies, nextIndex));
        }
        return Future.all(lanes).map(done -> Arrays.asList(bodies));
    }

    /** Takes the next unclaimed URL, fetches it, stores the body at its index, then goes again. */
    private static Future<Void> runLane(WebClient client, List<String> urls, String[] bodies, AtomicInteger nextIndex) {
        int index = nextIndex.getAndIncrement();
        if (index >= urls.size()) {
            return Future.succeededFuture();
        }
        return fetchOne(client, urls.get(index)).compose(body -> {
            bodies[index] = body;
            return runLane(client, urls, bodies, nextIndex);
        });
    }

    /** One GET; a non-200 answer is a failure. */
    private static Future<String> fetchOne(WebClient client, String url) {
        return client.getAbs(url).send()
            .expecting(HttpResponseExpectation.SC_OK)
            .map(HttpResponse::bodyAsString);
    }
}
