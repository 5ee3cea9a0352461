package course.async;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpResponseExpectation;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * Ex12 · Virtual-thread verticles: Ex04's fan-out as straight-line code.
 *
 * <p>A verticle deployed with {@code ThreadingModel.VIRTUAL_THREAD} runs its code on virtual
 * threads of its own Vert.x context: {@code future.await()} suspends the code until the value is
 * there, the context takes its next event meanwhile, and no platform thread waits (the virtual
 * thread is unmounted from its carrier). The code reads like blocking code. In Vert.x 5
 * {@code await()} throws on an event-loop or worker thread; on a thread Vert.x does not own (a
 * plain virtual thread, {@code main}) it just blocks until the value is there, outside any context.
 */
public final class Ex12_VirtualThreadFanOut {

    private Ex12_VirtualThreadFanOut() {
    }

    /**
     * Runs {@code work} inside a verticle deployed with the VIRTUAL_THREAD threading model and
     * completes with its result (or its failure); the verticle is undeployed afterwards.
     */
    public static <T> Future<T> onVirtualThread(Vertx vertx, Callable<T> work) {
        // TODO: run work on a virtual thread that belongs to a Vert.x context, where await() suspends it.
        //  Complete with its result, or fail with its exception; nothing stays deployed afterwards.
        throw new UnsupportedOperationException("Ex12 not implemented yet: run work in a virtual-thread verticle");
    }

    /**
     * Straight-line fan-out, to be called on a virtual thread: GETs every URL, at most
     * {@code maxInFlight} at a time, and returns the bodies in input order. (A sliding window waits
     * for the oldest request, even when a newer one answered first: simpler than Ex04's lanes,
     * and never more than K in flight.)
     */
    public static List<String> fetchAll(WebClient client, List<String> urls, int maxInFlight) {
        // TODO: Ex04 as straight-line code: await() is allowed here. Never more than maxInFlight requests
        //  in flight; when the oldest one answers the next starts, even if the others are slow (no
        //  batches). Bodies in URL order.
        throw new UnsupportedOperationException("Ex12 not implemented yet: straight-line fan-out with await and at most maxInFlight requests");
    }

    /** One GET; a non-200 answer is a failure. */
    @SuppressWarnings("unused")
    private static Future<String> fetchOne(WebClient client, String url) {
        return client.getAbs(url).send()
            .expecting(HttpResponseExpectation.SC_OK)
            .map(HttpResponse::bodyAsString);
    }
}
