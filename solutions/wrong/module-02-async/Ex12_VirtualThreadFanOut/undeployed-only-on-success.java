// Wrong: undeploys the helper verticle only when the work succeeded: a failing work leaves it deployed
// Caught by: reportsFailure
package course.async;

import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.ThreadingModel;
import io.vertx.core.VerticleBase;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpResponseExpectation;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import java.util.ArrayList;
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
        Promise<T> result = Promise.promise();
        VerticleBase job = new VerticleBase() {
            @Override
            public Future<?> start() {
                // start() runs on a virtual thread: work may await() as much as it likes.
                try {
                    result.complete(work.call());
                } catch (Exception e) {
                    result.fail(e);
                }
                return Future.succeededFuture();
            }
        };
        return vertx.deployVerticle(job, new DeploymentOptions().setThreadingModel(ThreadingModel.VIRTUAL_THREAD))
            .compose(id -> result.future().compose(value -> vertx.undeploy(id).map(value)));
    }

    /**
     * Straight-line fan-out, to be called on a virtual thread: GETs every URL, at most
     * {@code maxInFlight} at a time, and returns the bodies in input order. (A sliding window waits
     * for the oldest request, even when a newer one answered first: simpler than Ex04's lanes,
     * and never more than K in flight.)
     */
    public static List<String> fetchAll(WebClient client, List<String> urls, int maxInFlight) {
        List<Future<String>> started = new ArrayList<>();
        for (int i = 0; i < urls.size(); i++) {
            // A sliding window: before starting request i, wait for request i - K to answer.
            if (i >= maxInFlight) {
                started.get(i - maxInFlight).await();
            }
            started.add(fetchOne(client, urls.get(i)));
        }
        List<String> bodies = new ArrayList<>();
        for (Future<String> body : started) {
            bodies.add(body.await());
        }
        return bodies;
    }

    /** One GET; a non-200 answer is a failure. */
    private static Future<String> fetchOne(WebClient client, String url) {
        return client.getAbs(url).send()
            .expecting(HttpResponseExpectation.SC_OK)
            .map(HttpResponse::bodyAsString);
    }
}
