package course.pitfalls.eventloop;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import course.pitfalls.support.EventLoopLaws;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutionException;
import java.util.stream.IntStream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

@DisplayName("Ex06 · executeBlocking left ordered")
@ExtendWith(VertxExtension.class)
class Ex06_OrderedBlockingTest {

    @Test
    @DisplayName("three blocking calls are in flight at the same time")
    void callsOverlap(Vertx vertx) throws Exception {
        // Each call can finish only when all three are running at once.
        CyclicBarrier allThreeAtOnce = new CyclicBarrier(3);
        List<Callable<String>> calls = IntStream.range(0, 3)
            .mapToObj(i -> (Callable<String>) () -> {
                allThreeAtOnce.await(2, SECONDS);
                return "reply " + i;
            })
            .toList();
        Context loop = vertx.getOrCreateContext();
        CompletableFuture<List<String>> replies = new CompletableFuture<>();

        loop.runOnContext(v -> Ex06_OrderedBlocking.callAll(vertx, calls)
            .onComplete(replies::complete, replies::completeExceptionally));

        try {
            assertThat(replies.get(5, SECONDS))
                .as("Ex06: the replies come back in the order of the calls. Hint: Future.all(list) keeps the order")
                .containsExactly("reply 0", "reply 1", "reply 2");
        } catch (ExecutionException serialised) {
            fail("Ex06: the three calls were never in flight together: the first waited 2 s for the other two and gave up ("
                + serialised.getCause() + "). executeBlocking(callable) is ordered per context, so each call waited for the "
                + "one before. Hint: vertx.executeBlocking(call, false)");
        }
    }

    @Test
    @Timeout(value = 30, unit = SECONDS) // the first ArchUnit import loads a large library: seconds on a busy machine
    @DisplayName("law: event-loop code says whether executeBlocking work is ordered")
    void obeysTheStateTheOrderLaw() {
        EventLoopLaws.assertObeyed("Ex06", EventLoopLaws.STATES_WHETHER_BLOCKING_WORK_IS_ORDERED, Ex06_OrderedBlocking.class,
            "Hint: call executeBlocking(callable, false) for independent work, (callable, true) when order matters.");
    }
}
