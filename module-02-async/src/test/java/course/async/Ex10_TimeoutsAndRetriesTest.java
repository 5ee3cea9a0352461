package course.async;

import static org.assertj.core.api.Assertions.assertThat;

import course.async.support.Await;
import course.async.support.EventLoopWatch;
import course.async.support.SlowHttpServer;
import io.reactivex.rxjava3.core.Single;
import io.reactivex.rxjava3.observers.TestObserver;
import io.reactivex.rxjava3.schedulers.TestScheduler;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.impl.ClientPhase;
import io.vertx.ext.web.client.impl.WebClientInternal;
import io.vertx.junit5.VertxExtension;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

@DisplayName("Ex10 · Timeouts and retries for a flaky endpoint")
class Ex10_TimeoutsAndRetriesTest {

    @Nested
    @DisplayName("Vert.x: Future.timeout and recover against a real flaky server")
    @ExtendWith(VertxExtension.class)
    class WithVertx {

        private SlowHttpServer server;
        private WebClient client;
        private Context eventLoop;
        /** The requests sent through {@link #client}, counted by the client itself when send() is called, by URI. */
        private final List<String> sent = new CopyOnWriteArrayList<>();

        @BeforeEach
        @Timeout(30)   // the server's start-up, bounded by SlowHttpServer itself
        void startServer(Vertx vertx) {
            server = SlowHttpServer.start(vertx, 10);
            // The Web Client's own interceptor sees every send() at once. The server may see a request later
            // than that: a retry needs a new connection (the first is still held by the slow answer), and on a
            // loaded machine connecting can take longer than a 100 ms attempt, which then times out before the
            // server has received anything. Attempts are what the caller made, so they are counted here.
            client = ((WebClientInternal) WebClient.create(vertx)).addInterceptor(context -> {
                if (context.phase() == ClientPhase.PREPARE_REQUEST) {
                    sent.add(context.request().uri());
                }
                context.next();
            });
            eventLoop = vertx.getOrCreateContext();
        }

        /** How many requests to {@code path} the fetch sent (any query string). */
        private long attemptsTo(String path) {
            return sent.stream().filter(uri -> uri.equals(path) || uri.startsWith(path + "?")).count();
        }

        @Tag("contract:event-loop")
        @Tag("contract:values")
        @Test
        @DisplayName("an endpoint that fails twice succeeds on the third of three attempts")
        void retriesUntilSuccess() {
            try (EventLoopWatch watch = EventLoopWatch.start(Ex10_TimeoutsAndRetries.class)) {
                String body = Await.result(
                    Await.onEventLoop(eventLoop, () -> Ex10_TimeoutsAndRetries.fetchWithRetry(client, server.url("/flaky?failures=2"), 3_000, 3)),
                    "Ex10: two 500 answers then a 200: with 3 attempts the fetch should succeed. Hint: on a failed attempt, "
                        + "make the next one with one attempt fewer left");
                String waited = watch.stop();

                assertThat(body).as("Ex10: the body of the successful attempt").isEqualTo("/flaky");
                assertThat(server.requestsTo("/flaky")).as("Ex10: it took exactly 3 requests").isEqualTo(3);
                assertThat(waited)
                    .as("Ex10: the event loop was caught waiting inside fetchWithRetry: %s. Every other handler of that loop "
                        + "waited too. Hint: a pause between attempts, if you want one, is a timer, never a sleep", waited)
                    .isNull();
            }
        }

        @Tag("contract:errors")
        @Test
        @DisplayName("an endpoint that keeps failing gets exactly maxAttempts requests, then the error")
        void capsTheAttempts() {
            Throwable error = Await.failure(
                Await.onEventLoop(eventLoop, () -> Ex10_TimeoutsAndRetries.fetchWithRetry(client, server.url("/down?failures=1000"), 3_000, 3)),
                "Ex10: an endpoint that always answers 500 must fail the fetch in the end: the caller must see the last "
                    + "attempt's error, not a made-up value");

            assertThat(server.requestsTo("/down"))
                .as("Ex10: maxAttempts = 3 means 3 requests in all, not %d. Hint: count the first attempt too: after a "
                    + "failure, try again only while more than one attempt was left", server.requestsTo("/down"))
                .isEqualTo(3);
            assertThat(error).as("Ex10: the last attempt's error (a 500) is reported").hasMessageContaining("500");
        }

        @Tag("contract:errors")
        @Test
        @DisplayName("an endpoint that never answers in time fails each attempt by timeout, without waiting for it")
        void timesOutSlowAnswers() {
            Throwable error = Await.failure(
                Await.onEventLoop(eventLoop, () -> Ex10_TimeoutsAndRetries.fetchWithRetry(client, server.url("/slow?delay=2000"), 100, 2)),
                "Ex10: answers that take 2 s must fail after 2 attempts of 100 ms. Hint: each attempt gets its own timeout; "
                    + "one clock around all the attempts gives up after the first");

            assertThat(error)
                .as("Ex10: a missing answer should fail with a TimeoutException. Hint: Future.timeout(...)")
                .isInstanceOf(TimeoutException.class);
            assertThat(attemptsTo("/slow"))
                .as("Ex10: with maxAttempts = 2, a timed-out attempt is retried once: 2 requests in all, but the fetch sent %d. Hint: %s",
                    attemptsTo("/slow"), attemptsTo("/slow") < 2
                        ? "each attempt gets its own timeout, and a timed-out attempt is a failure like any other: recover from it by trying again"
                        : "count the first attempt too: after a failure, try again only while more than one attempt was left")
                .isEqualTo(2);
            assertThat(server.answersSent())
                .as("Ex10: the fetch gave up before the server answered anything: it did not wait for the slow answer")
                .isZero();
        }
    }

    @Nested
    @DisplayName("RxJava: timeout and retry, in virtual time")
    class WithRxJava {

        private final TestScheduler time = new TestScheduler();
        private final AtomicInteger attempts = new AtomicInteger();

        /** A call that never answers on its first (hangingAttempts) attempts, then answers "ok". */
        private Single<String> flakyCall(int hangingAttempts) {
            return Single.defer(() -> attempts.incrementAndGet() <= hangingAttempts ? Single.never() : Single.just("ok"));
        }

        @Tag("contract:values")
        @Tag("contract:errors")
        @Test
        @DisplayName("two hanging attempts time out after 1 s each; the third answers at 2 s")
        void retriesAfterTimeouts() {
            TestObserver<String> result = Ex10_TimeoutsAndRetries
                .withTimeoutAndRetry(flakyCall(2), 1, TimeUnit.SECONDS, 3, time).test();

            time.advanceTimeBy(1_999, TimeUnit.MILLISECONDS);
            assertThat(result.values())
                .as("Ex10: before 2 s the second attempt is still waiting. Hint: timeout(timeout, unit, scheduler) before retry")
                .isEmpty();
            time.advanceTimeBy(1, TimeUnit.MILLISECONDS);
            assertThat(result.values())
                .as("Ex10: at 2 s the first two attempts have timed out and the third answered. Hint: timeout on the given scheduler, then retry(maxAttempts - 1)")
                .containsExactly("ok");
            assertThat(attempts).as("Ex10: three subscriptions, one per attempt").hasValue(3);
        }

        @Tag("contract:state")
        @Test
        @DisplayName("the Single is a policy, not a run: each subscription gets its own maxAttempts")
        void eachSubscriptionGetsItsOwnAttempts() {
            Single<String> policy = Ex10_TimeoutsAndRetries.withTimeoutAndRetry(flakyCall(Integer.MAX_VALUE), 1, TimeUnit.SECONDS, 3, time);
            List<Throwable> errors = new CopyOnWriteArrayList<>();
            policy.doOnError(errors::add).test();
            policy.doOnError(errors::add).test();

            time.advanceTimeBy(10, TimeUnit.SECONDS);

            assertThat(attempts)
                .as("Ex10: two subscriptions to the same Single, 3 attempts each, should make 6 attempts, but made %d. "
                    + "Hint: a count kept outside the subscription (built once, with the Single) is shared by every "
                    + "subscription; let the retry operator count per subscription", attempts.get())
                .hasValue(6);
            assertThat(errors).as("Ex10: both subscriptions end with a TimeoutException").hasSize(2).allMatch(e -> e instanceof TimeoutException);
        }

        @Tag("contract:errors")
        @Test
        @DisplayName("a call that always hangs fails with a timeout after exactly maxAttempts attempts")
        void givesUpAfterMaxAttempts() {
            List<Throwable> errors = new CopyOnWriteArrayList<>();
            Ex10_TimeoutsAndRetries
                .withTimeoutAndRetry(flakyCall(Integer.MAX_VALUE), 1, TimeUnit.SECONDS, 3, time)
                .doOnError(errors::add)
                .test();

            time.advanceTimeBy(10, TimeUnit.SECONDS);

            assertThat(attempts)
                .as("Ex10: maxAttempts = 3 means 3 subscriptions in all, but there were %d. Hint: retry(n) means n MORE attempts", attempts.get())
                .hasValue(3);
            assertThat(errors)
                .as("Ex10: after the last attempt times out, the Single fails with a TimeoutException. Hint: timeout(...) before retry(...)")
                .singleElement().isInstanceOf(TimeoutException.class);
        }
    }
}
