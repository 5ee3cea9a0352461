package course.pitfalls.eventloop;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;

import course.pitfalls.support.EventLoopLaws;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The probe is a 1 ms timer on the same event loop, set at the start of each try: a back-off that
 * waits for a timer lets it fire first, by construction (it falls due 99 ms earlier); a back-off
 * that sleeps or spins on the loop holds it until the next try.
 */
@DisplayName("Ex01 · A blocking call inside an event-loop handler")
@ExtendWith(VertxExtension.class)
class Ex01_BlockingHandlerTest {

    private static final long BACKOFF_MS = 100;

    /** What one try saw: when it started, whether the probe timer of the try before had fired by then, and where it ran. */
    private record Try(long startedAtNanos, boolean previousProbeFired, boolean onTheLoop, String thread) {}

    /** A call that records each try and sets a 1 ms probe timer on the loop, then answers with {@code outcome}. */
    private static final class ProbedCall implements Callable<String> {
        private final Vertx vertx;
        private final Context loop;
        private final Callable<String> outcome;
        final List<Try> tries = new CopyOnWriteArrayList<>();
        private volatile CountDownLatch probe = new CountDownLatch(0);

        ProbedCall(Vertx vertx, Context loop, Callable<String> outcome) {
            this.vertx = vertx;
            this.loop = loop;
            this.outcome = outcome;
        }

        @Override
        public String call() throws Exception {
            tries.add(new Try(System.nanoTime(), probe.getCount() == 0, Vertx.currentContext() == loop,
                Thread.currentThread().getName()));
            CountDownLatch next = new CountDownLatch(1);
            probe = next;
            if (Context.isOnEventLoopThread()) {
                vertx.setTimer(1, id -> next.countDown()); // on this loop, due long before any back-off timer set after it
            } else {
                loop.runOnContext(v -> vertx.setTimer(1, id -> next.countDown()));
            }
            return outcome.call();
        }

        int count() {
            return tries.size();
        }
    }

    /** Starts callWithRetry on the event loop, as a handler would, and waits (off the loop) for its outcome. */
    private static CompletableFuture<String> retryOnTheLoop(Vertx vertx, Context loop, ProbedCall call, int attempts) {
        CompletableFuture<String> result = new CompletableFuture<>();
        loop.runOnContext(v -> Ex01_BlockingHandler.callWithRetry(vertx, call, attempts, BACKOFF_MS)
            .onComplete(result::complete, result::completeExceptionally));
        return result;
    }

    /** Every back-off lasted at least BACKOFF_MS and left the loop free for the probe timer. */
    private static void assertEveryBackOffLeftTheLoopFree(ProbedCall call) {
        for (int i = 1; i < call.tries.size(); i++) {
            assertThat(call.tries.get(i).onTheLoop())
                .as("Ex01: try %d ran on thread %s, not on the caller's event-loop context: the back-off waited on a timer "
                    + "outside Vert.x (a JDK scheduler, a delayed executor, a thread of its own), so the retry, and every "
                    + "callback of whoever waits for its result, now runs on a foreign thread. Hint: vertx.timer(backoffMs, "
                    + "MILLISECONDS) fires on the caller's context", i + 1, call.tries.get(i).thread())
                .isTrue();
            long gapMillis = (call.tries.get(i).startedAtNanos() - call.tries.get(i - 1).startedAtNanos()) / 1_000_000;
            assertThat(gapMillis)
                .as("Ex01: try %d started %d ms after try %d, but the back-off is %d ms: the retry did not wait at all, so a "
                    + "struggling service gets every try at once. Hint: wait for a timer of backoffMs before each new try",
                    i + 1, gapMillis, i, BACKOFF_MS)
                .isGreaterThanOrEqualTo(BACKOFF_MS - 1);
            assertThat(call.tries.get(i).previousProbeFired())
                .as("Ex01: a 1 ms timer set on the event loop during try %d had still not fired when try %d began, %d ms "
                    + "later: the loop was held for the whole back-off (a sleep, or a busy wait), and every other request on "
                    + "it waited too.%s Hint: wait with vertx.timer(backoffMs, MILLISECONDS) and make the next try in its "
                    + "compose(...) callback", i, i + 1, gapMillis,
                    i > 1 && call.tries.get(1).previousProbeFired() ? " The first back-off was fine; this one was not." : "")
                .isTrue();
        }
    }

    @Test
    @Tag("contract:values")
    @Tag("contract:placement")
    @Tag("contract:event-loop")
    @DisplayName("each back-off waits on a timer: the loop stays free, and the retry succeeds when the service does")
    void backOffLeavesTheLoopFree(Vertx vertx) throws Exception {
        Context loop = vertx.getOrCreateContext();
        AtomicInteger tries = new AtomicInteger();
        ProbedCall warmingUp = new ProbedCall(vertx, loop, () -> {
            if (tries.incrementAndGet() < 3) {
                throw new IOException("service warming up");
            }
            return "ok";
        });

        CompletableFuture<String> result = retryOnTheLoop(vertx, loop, warmingUp, 4);

        assertThat(result.get(5, SECONDS))
            .as("Ex01: the third try succeeds, so the retry should end with its value. Hint: retry in the timer's callback "
                + "with one attempt fewer")
            .isEqualTo("ok");
        assertThat(warmingUp.count()).as("Ex01: the third try succeeded, so there is no fourth (attempts = 4)").isEqualTo(3);
        assertEveryBackOffLeftTheLoopFree(warmingUp);
    }

    @Test
    @Tag("contract:errors")
    @Tag("contract:placement")
    @Tag("contract:event-loop")
    @DisplayName("after the last attempt fails, the retry gives up with that failure, without holding the loop")
    void givesUpAfterTheLastAttempt(Vertx vertx) throws Exception {
        Context loop = vertx.getOrCreateContext();
        AtomicInteger tries = new AtomicInteger();
        ProbedCall down = new ProbedCall(vertx, loop, () -> {
            throw new IOException("service down (try " + tries.incrementAndGet() + ")");
        });

        CompletableFuture<String> result = retryOnTheLoop(vertx, loop, down, 3);

        Throwable lastFailure = result.handle((value, failure) -> failure).get(5, SECONDS);
        assertThat(down.count()).as("Ex01: callWithRetry(..., attempts = 3, ...) should try exactly 3 times").isEqualTo(3);
        assertThat(lastFailure)
            .as("Ex01: every try failed, so the retry should end with the failure of the third and last try, not %s. "
                + "Hint: when attempts is down to 1, return Future.failedFuture(failure) instead of scheduling another try",
                lastFailure == null ? "a value" : lastFailure.getMessage())
            .hasMessage("service down (try 3)");
        assertEveryBackOffLeftTheLoopFree(down);
    }

    @Test
    @Tag("contract:state")
    @Tag("contract:event-loop")
    @Timeout(value = 20, unit = SECONDS) // two outcomes, each waited for up to 5 s: more than the default 10 s on a loaded machine
    @DisplayName("two retries started in one turn of the loop each keep their own count of tries")
    void twoRetriesKeepTheirOwnCount(Vertx vertx) throws Exception {
        Context loop = vertx.getOrCreateContext();
        AtomicInteger downTries = new AtomicInteger();
        AtomicInteger warmingTries = new AtomicInteger();
        AtomicInteger warmingTriesAtDownsSecond = new AtomicInteger(-1);
        Callable<String> down = () -> {
            if (downTries.get() == 1) {
                warmingTriesAtDownsSecond.set(warmingTries.get());
            }
            throw new IOException("service down (try " + downTries.incrementAndGet() + ")");
        };
        Callable<String> warmingUp = () -> {
            if (warmingTries.incrementAndGet() < 3) {
                throw new IOException("service warming up");
            }
            return "ok";
        };
        CompletableFuture<String> gaveUp = new CompletableFuture<>();
        CompletableFuture<String> succeeded = new CompletableFuture<>();

        // Two requests on one event loop, in the same turn: 2 attempts at a service that is down, 4 at one warming up.
        loop.runOnContext(v -> {
            Ex01_BlockingHandler.callWithRetry(vertx, down, 2, BACKOFF_MS).onComplete(gaveUp::complete, gaveUp::completeExceptionally);
            Ex01_BlockingHandler.callWithRetry(vertx, warmingUp, 4, BACKOFF_MS)
                .onComplete(succeeded::complete, succeeded::completeExceptionally);
        });

        Throwable lastFailure = gaveUp.handle((value, failure) -> failure).get(5, SECONDS);
        String value = succeeded.handle((ok, failure) -> ok).get(5, SECONDS);
        assertThat(warmingTriesAtDownsSecond.get())
            .as("Ex01: two requests reached the loop in the same turn, but the second made its first try only after the "
                + "first had made its second: the first request held the loop for its whole back-off, and the other request "
                + "on the loop could not even start. Hint: wait with vertx.timer(backoffMs, MILLISECONDS) and make the next "
                + "try in its compose(...) callback")
            .isGreaterThanOrEqualTo(1);
        assertThat(List.of(downTries.get(), warmingTries.get()))
            .as("Ex01: two retries ran side by side on one loop, one with 2 attempts and one with 4; the first should try "
                + "exactly 2 times and the second 3 (it succeeds on its third), but they tried %d and %d times: the count "
                + "of tries left is shared between calls (a static field, or state kept outside the call). Hint: pass "
                + "attempts - 1 to the next try; keep nothing between calls", downTries.get(), warmingTries.get())
            .containsExactly(2, 3);
        assertThat(lastFailure).as("Ex01: the retry with 2 attempts ends with its second failure").hasMessage("service down (try 2)");
        assertThat(value).as("Ex01: the retry with 4 attempts succeeds on its third try").isEqualTo("ok");
    }

    @Test
    @Tag("contract:event-loop")
    @Timeout(value = 60, unit = SECONDS) // the first ArchUnit import loads a large library: tens of seconds on a very busy machine
    @DisplayName("law: event-loop code never sleeps")
    void obeysTheNoSleepLaw() {
        EventLoopLaws.assertObeyed("Ex01", EventLoopLaws.NEVER_SLEEPS, Ex01_BlockingHandler.class,
            "Hint: a back-off on the event loop is vertx.timer(...), never Thread.sleep.");
    }
}
