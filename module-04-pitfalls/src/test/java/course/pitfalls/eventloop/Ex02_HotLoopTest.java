package course.pitfalls.eventloop;

import static java.util.concurrent.TimeUnit.MILLISECONDS;
import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.ToLongFunction;
import java.util.stream.IntStream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@DisplayName("Ex02 · A long CPU loop that never yields the event loop")
@ExtendWith(VertxExtension.class)
class Ex02_HotLoopTest {

    private static final List<String> DOCUMENTS =
        IntStream.range(0, 1_000).mapToObj(i -> "document " + i).toList();

    /** Real CPU work per document: a few thousand rounds of a 64-bit mix. */
    private static long cpuScore(String document) {
        long x = document.hashCode() + 0x9E3779B97F4A7C15L;
        for (int round = 0; round < 5_000; round++) {
            x ^= round * 0xBF58476D1CE4E5B9L;
            x = Long.rotateLeft(x, 13) * 0x94D049BB133111EBL;
            x ^= x >>> 17;
        }
        return x & 0xFF;
    }

    @Test
    @DisplayName("a task that arrives during scoring runs before the last document is scored")
    void scoringGivesTheLoopBack(Vertx vertx) throws Exception {
        Context loop = vertx.getOrCreateContext();
        String firstDocument = DOCUMENTS.getFirst();
        String lastDocument = DOCUMENTS.getLast();
        CountDownLatch otherTaskRan = new CountDownLatch(1);
        AtomicBoolean ranBeforeLastDocument = new AtomicBoolean();
        AtomicLong lagMillis = new AtomicLong();
        ToLongFunction<String> score = document -> {
            if (document.equals(firstDocument)) {
                // Another request reaches this event loop once scoring has begun.
                long arrivedAt = System.nanoTime();
                loop.runOnContext(other -> {
                    lagMillis.set((System.nanoTime() - arrivedAt) / 1_000_000);
                    otherTaskRan.countDown();
                });
            }
            if (document.equals(lastDocument)) {
                // The probe: a loop that yields has let the other request run by now.
                ranBeforeLastDocument.set(awaitQuietly(otherTaskRan));
            }
            return cpuScore(document);
        };
        CompletableFuture<Long> total = new CompletableFuture<>();

        loop.runOnContext(v -> Ex02_HotLoop.totalScore(vertx, DOCUMENTS, score)
            .onComplete(total::complete, total::completeExceptionally));

        long expected = DOCUMENTS.stream().mapToLong(Ex02_HotLoopTest::cpuScore).sum();
        try {
            total.get(5, SECONDS);
        } catch (TimeoutException neverCompleted) {
            fail("Ex02: the total never came back (5 s). Hint: complete the Promise with the sum after the last chunk, "
                + "and return promise.future()");
        }
        assertThat(total.get())
            .as("Ex02: the total should be the sum of every document's score. Hint: carry the subtotal from chunk to chunk")
            .isEqualTo(expected);
        assertThat(otherTaskRan.await(2, SECONDS)).as("Ex02: the other request never ran on the event loop").isTrue();
        assertThat(ranBeforeLastDocument)
            .as("Ex02: a request that reached the event loop as scoring began waited %d ms, until the whole batch was scored: "
                + "your loop never gave the thread back. Hint: score a chunk of documents (CHUNK = 100, fewer than the "
                + "batch), then queue the rest with context.runOnContext(...); or run the loop in vertx.executeBlocking(..., false)", lagMillis.get())
            .isTrue();
    }

    private static boolean awaitQuietly(CountDownLatch latch) {
        try {
            return latch.await(1_000, MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
