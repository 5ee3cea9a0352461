// Wrong: timeout without the scheduler: it runs on the computation scheduler's real clock
// Caught by: eachSubscriptionGetsItsOwnAttempts
package course.async;

import io.reactivex.rxjava3.core.Scheduler;
import io.reactivex.rxjava3.core.Single;
import io.vertx.core.Future;
import io.vertx.core.http.HttpResponseExpectation;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import java.util.concurrent.TimeUnit;

/**
 * Ex10 · Timeouts and retries for a flaky endpoint, in Vert.x and in RxJava.
 *
 * <p>A remote call can fail fast (an error answer) or fail slow (no answer at all). A retry
 * handles the first; only a timeout turns the second into a failure you can retry. In async code
 * neither costs a thread: a timeout is one more timer, a retry is one more subscription or one
 * more composed future. Cap the attempts: a retry loop without a limit turns an outage into a
 * flood.
 */
public final class Ex10_TimeoutsAndRetries {

    private Ex10_TimeoutsAndRetries() {
    }

    /**
     * GETs url; each attempt fails after {@code timeoutMs} without an answer, or on a non-200
     * answer; makes at most {@code maxAttempts} attempts, then fails with the last attempt's error.
     */
    public static Future<String> fetchWithRetry(WebClient client, String url, long timeoutMs, int maxAttempts) {
        return fetchOne(client, url)
            .timeout(timeoutMs, TimeUnit.MILLISECONDS)
            // On failure, try again while attempts remain; the last error is the one reported.
            .recover(error -> maxAttempts > 1
                ? fetchWithRetry(client, url, timeoutMs, maxAttempts - 1)
                : Future.failedFuture(error));
    }

    /** One GET; a non-200 answer is a failure. */
    private static Future<String> fetchOne(WebClient client, String url) {
        return client.getAbs(url).send()
            .expecting(HttpResponseExpectation.SC_OK)
            .map(HttpResponse::bodyAsString);
    }

    /**
     * The same policy in RxJava: each subscription to {@code call} is one attempt, failed after
     * {@code timeout} (timed on {@code scheduler}); at most {@code maxAttempts} attempts in all.
     */
    public static <T> Single<T> withTimeoutAndRetry(Single<T> call, long timeout, TimeUnit unit, int maxAttempts, Scheduler scheduler) {
        // timeout BEFORE retry: each attempt gets its own clock. retry(n) means n MORE attempts.
        return call.timeout(timeout, unit).retry(maxAttempts - 1L);
    }
}
