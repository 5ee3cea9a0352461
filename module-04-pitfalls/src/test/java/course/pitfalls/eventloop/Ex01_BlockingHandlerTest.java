package course.pitfalls.eventloop;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;

import course.pitfalls.support.EventLoopLaws;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.io.IOException;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

@DisplayName("Ex01 · A blocking call inside an event-loop handler")
@ExtendWith(VertxExtension.class)
class Ex01_BlockingHandlerTest {

    /**
     * Starts callWithRetry (3 attempts, 100 ms apart) on an event loop, queues the next request on the
     * same loop right behind it, checks that request ran before the second try, and returns the retry's result.
     */
    private static CompletableFuture<String> retryOnTheLoop(Vertx vertx, Callable<String> call, AtomicInteger tries) throws Exception {
        Context loop = vertx.getOrCreateContext();
        CompletableFuture<Integer> triesSeenByNextTask = new CompletableFuture<>();
        CompletableFuture<String> result = new CompletableFuture<>();

        loop.runOnContext(v -> {
            Ex01_BlockingHandler.callWithRetry(vertx, call, 3, 100)
                .onComplete(result::complete, result::completeExceptionally);
            // The next request on the same loop: it should run now, not after every back-off.
            loop.runOnContext(next -> triesSeenByNextTask.complete(tries.get()));
        });

        int seen = triesSeenByNextTask.get(2, SECONDS);
        assertThat(seen)
            .as("Ex01: the next task on the event loop ran only after %d tries and their back-offs: your handler held the loop while it waited. "
                + "Hint: replace the sleep with vertx.timer(backoffMs, MILLISECONDS).compose(fired -> callWithRetry(...))", seen)
            .isEqualTo(1);
        return result;
    }

    @Test
    @DisplayName("the next task on the event loop runs while the handler backs off")
    void backOffLeavesTheLoopFree(Vertx vertx) throws Exception {
        AtomicInteger tries = new AtomicInteger();
        Callable<String> warmingUp = () -> {
            if (tries.incrementAndGet() < 3) {
                throw new IOException("service warming up");
            }
            return "ok";
        };

        CompletableFuture<String> result = retryOnTheLoop(vertx, warmingUp, tries);

        assertThat(result.get(2, SECONDS))
            .as("Ex01: the third try succeeds, so the retry should end with its value. Hint: retry in the timer's callback with one attempt fewer")
            .isEqualTo("ok");
    }

    @Test
    @DisplayName("after the last attempt fails, the retry gives up with that failure, without holding the loop")
    void givesUpAfterTheLastAttempt(Vertx vertx) throws Exception {
        AtomicInteger tries = new AtomicInteger();
        Callable<String> down = () -> {
            throw new IOException("service down (try " + tries.incrementAndGet() + ")");
        };

        CompletableFuture<String> result = retryOnTheLoop(vertx, down, tries);

        Throwable lastFailure = result.handle((value, failure) -> failure).get(2, SECONDS);
        assertThat(lastFailure)
            .as("Ex01: every try failed, so the retry should end with the failure of the third and last try, not %s. "
                + "Hint: when attempts is down to 1, return Future.failedFuture(failure) instead of scheduling another try",
                lastFailure == null ? "a value" : lastFailure.getMessage())
            .hasMessage("service down (try 3)");
        assertThat(tries.get()).as("Ex01: callWithRetry(..., attempts = 3, ...) should try exactly 3 times").isEqualTo(3);
    }

    @Test
    @Timeout(value = 30, unit = SECONDS) // the first ArchUnit import loads a large library: seconds on a busy machine
    @DisplayName("law: event-loop code never sleeps")
    void obeysTheNoSleepLaw() {
        EventLoopLaws.assertObeyed("Ex01", EventLoopLaws.NEVER_SLEEPS, Ex01_BlockingHandler.class,
            "Hint: a back-off on the event loop is vertx.timer(...), never Thread.sleep.");
    }
}
