package course.pitfalls.eventloop;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.junit5.VertxExtension;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.ToLongFunction;
import java.util.stream.IntStream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The probes are a timer and an HTTP request on the same event loop, never a queued task: Netty
 * 4.2 runs queued tasks (runOnContext), including ones queued meanwhile, until its queue is empty
 * or {@code io.netty.eventLoop.maxTaskProcessingQuantumMs} (1 s by default) is spent, and only then
 * looks at due timers and at sockets. A probe set off while document {@link #PROBE_AT} is scored
 * must have run by document {@link #CHECK_AT}: a loop that continues from a 1 ms timer lets it in
 * before chunk 7 by construction (timers fire in deadline order); a loop chained with runOnContext,
 * or one that yields only once, cannot (the batch takes milliseconds, far below the 1 s quantum).
 */
@DisplayName("Ex02 · A long CPU loop that never yields the event loop")
@ExtendWith(VertxExtension.class)
class Ex02_HotLoopTest {

    private static final List<String> DOCUMENTS =
        IntStream.range(0, 1_000).mapToObj(i -> "document " + i).toList();
    /** The probe goes off while this document is scored (in the fifth chunk of 100)... */
    private static final String PROBE_AT = "document 450";
    /** ...and must have run before this one is scored (in the ninth). */
    private static final String CHECK_AT = "document 800";

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

    private static final long EXPECTED_TOTAL = DOCUMENTS.stream().mapToLong(Ex02_HotLoopTest::cpuScore).sum();

    @Test
    @Tag("contract:values")
    @Tag("contract:placement")
    @Tag("contract:event-loop")
    @DisplayName("a timer that falls due during scoring fires long before the last document, and the total comes back on the loop")
    void aTimerDueDuringScoringFires(Vertx vertx) throws Exception {
        Context loop = vertx.getOrCreateContext();
        CountDownLatch timerFired = new CountDownLatch(1);
        AtomicReference<Boolean> firedInTime = new AtomicReference<>();
        ToLongFunction<String> score = document -> {
            if (document.equals(PROBE_AT)) {
                // Another request sets a 1 ms timer on this event loop (think: its own back-off or timeout).
                loop.runOnContext(arrives -> vertx.setTimer(1, id -> timerFired.countDown()));
            }
            if (document.equals(CHECK_AT)) {
                firedInTime.set(hasRun(timerFired));
            }
            return cpuScore(document);
        };

        Delivered total = scoreOnTheLoop(vertx, loop, score);

        assertThat(total.value())
            .as("Ex02: the total should be the sum of every document's score. Hint: carry the subtotal from chunk to chunk")
            .isEqualTo(EXPECTED_TOTAL);
        assertThat(firedInTime.get())
            .as("Ex02: a 1 ms timer set while %s was scored had still not fired when %s was: the loop never looked at its "
                + "timers in between. If you continue with runOnContext: Netty runs queued tasks, including the ones queued "
                + "meanwhile, before it polls timers and sockets (for up to 1 s), so a chain of queued chunks is one long turn. "
                + "If you yield only once, the rest is one long turn too. Hint: continue each chunk from vertx.setTimer(1, ...), "
                + "or move the loop off the event loop", PROBE_AT, CHECK_AT)
            .isTrue();
        assertThat(total.onTheLoop())
            .as("Ex02: the total was delivered on thread %s, not on the caller's event loop: whoever waits for it now runs "
                + "its callback on a foreign thread. Hint: complete the promise on the loop (a timer's callback runs there), "
                + "or use vertx.executeBlocking(..., false), which delivers on the caller's context", total.thread())
            .isTrue();
    }

    @Test
    @Tag("contract:event-loop")
    @Timeout(value = 30, unit = SECONDS) // the first HTTP request of a fresh Vert.x loads and warms a lot of code: seconds on a busy machine
    @DisplayName("an HTTP request that arrives during scoring is answered long before the last document")
    void aRequestThatArrivesDuringScoringIsAnswered(Vertx vertx) throws Exception {
        Context loop = vertx.getOrCreateContext();
        CountDownLatch answered = new CountDownLatch(1);
        AtomicReference<Thread> servedBy = new AtomicReference<>();
        HttpServer server = onTheLoop(loop, () -> vertx.createHttpServer()
            .requestHandler(request -> {
                servedBy.set(Thread.currentThread());
                if (request.path().equals("/probe")) {
                    answered.countDown();
                }
                request.response().end("pong");
            })
            .listen(0, "127.0.0.1"));
        try (Socket client = new Socket("127.0.0.1", server.actualPort())) {
            client.setTcpNoDelay(true);
            get(client, "/warm-up"); // the connection is open and served by this loop before scoring starts
            AtomicReference<Boolean> answeredInTime = new AtomicReference<>();
            ToLongFunction<String> score = document -> {
                if (document.equals(PROBE_AT)) {
                    send(client, "/probe"); // the request reaches the socket now
                }
                if (document.equals(CHECK_AT)) {
                    answeredInTime.set(hasRun(answered));
                }
                return cpuScore(document);
            };

            Delivered total = scoreOnTheLoop(vertx, loop, score);

            assertThat(servedBy.get()).as("test set-up: the HTTP server runs on the scoring loop").isEqualTo(total.loopThread());
            assertThat(total.value()).as("Ex02: the sum of every document's score").isEqualTo(EXPECTED_TOTAL);
            assertThat(answeredInTime.get())
                .as("Ex02: an HTTP request that reached this event loop while %s was scored had still not been answered when "
                    + "%s was: the loop never read its sockets in between. Queued tasks (runOnContext) run before Netty polls "
                    + "sockets again (for up to 1 s). Hint: continue each chunk from vertx.setTimer(1, ...), or move the loop "
                    + "off the event loop", PROBE_AT, CHECK_AT)
                .isTrue();
        } finally {
            server.close();
        }
    }

    @Test
    @Tag("contract:state")
    @Tag("contract:event-loop")
    @Timeout(value = 20, unit = SECONDS) // two outcomes, each waited for up to 5 s: more than the default 10 s on a loaded machine
    @DisplayName("two batches scored at once on one loop each get their own total")
    void twoBatchesOnOneLoopKeepTheirOwnTotals(Vertx vertx) throws Exception {
        Context loop = vertx.getOrCreateContext();
        List<String> first = DOCUMENTS.subList(0, 450);
        List<String> second = DOCUMENTS.subList(450, DOCUMENTS.size());
        // The first batch's last document checks that the second batch has begun: both are in progress at once.
        CountDownLatch secondBegan = new CountDownLatch(1);
        AtomicReference<Boolean> overlapped = new AtomicReference<>();
        AtomicReference<Thread> lastOfFirstScoredOn = new AtomicReference<>();
        ToLongFunction<String> score = document -> {
            if (document.equals(second.getFirst())) {
                secondBegan.countDown();
            }
            if (document.equals(first.getLast())) {
                lastOfFirstScoredOn.set(Thread.currentThread());
                overlapped.set(hasRun(secondBegan));
            }
            return cpuScore(document);
        };
        CompletableFuture<Long> firstTotal = new CompletableFuture<>();
        CompletableFuture<Long> secondTotal = new CompletableFuture<>();

        // Two requests on one event loop, in the same turn: their chunks take turns on the loop.
        loop.runOnContext(v -> {
            Ex02_HotLoop.totalScore(vertx, first, score).onComplete(firstTotal::complete, firstTotal::completeExceptionally);
            Ex02_HotLoop.totalScore(vertx, second, score).onComplete(secondTotal::complete, secondTotal::completeExceptionally);
        });

        long expectedFirst = first.stream().mapToLong(Ex02_HotLoopTest::cpuScore).sum();
        long expectedSecond = second.stream().mapToLong(Ex02_HotLoopTest::cpuScore).sum();
        List<Long> totals;
        try {
            totals = List.of(firstTotal.get(5, SECONDS), secondTotal.get(5, SECONDS));
        } catch (TimeoutException pending) {
            fail("Ex02: two batches scored at once on one loop did not both complete within 5 s: their progress is kept "
                + "in one place (a static field?), and one batch's chunks moved the other's. Hint: carry the position and "
                + "the subtotal from chunk to chunk as arguments");
            return;
        }
        assertThat(totals)
            .as("Ex02: two batches of %d and %d documents, scored at once on one loop, should total %d and %d, not %s: "
                + "their subtotals or positions are shared (a static field, or a field of the class). Hint: carry the "
                + "position and the subtotal from chunk to chunk as arguments, so each call has its own",
                first.size(), second.size(), expectedFirst, expectedSecond, totals)
            .containsExactly(expectedFirst, expectedSecond);
        Thread scoredOn = lastOfFirstScoredOn.get();
        boolean offTheLoop = scoredOn != null && !scoredOn.getName().startsWith("vert.x-eventloop-thread-");
        assertThat(overlapped.get())
            .as(offTheLoop
                ? "Ex02: two batches reached the loop in the same turn and were scored off it (on %s), but one after the "
                    + "other: the second had not scored one document when the first scored its last (2 s later). "
                    + "vertx.executeBlocking(callable) is ordered: blocking work from one context runs one job at a time, "
                    + "each behind the one before. Hint: vertx.executeBlocking(callable, false)"
                : "Ex02: two batches reached the loop in the same turn, but the second had not scored one document when the "
                    + "first scored its last: the first batch held the loop from start to end (%s). Hint: continue each "
                    + "chunk from vertx.setTimer(1, ...), or move the loop off the event loop",
                scoredOn == null ? "nowhere" : scoredOn.getName())
            .isTrue();
    }

    @Test
    @Tag("contract:errors")
    @Tag("contract:event-loop")
    @DisplayName("a document that cannot be scored fails the total instead of leaving it pending")
    void aFailingScoreFailsTheTotal(Vertx vertx) throws Exception {
        Context loop = vertx.getOrCreateContext();
        IllegalArgumentException corrupt = new IllegalArgumentException("document 650 is corrupt");
        ToLongFunction<String> score = document -> {
            if (document.equals("document 650")) {
                throw corrupt;
            }
            return cpuScore(document);
        };
        CompletableFuture<Throwable> failure = new CompletableFuture<>();

        loop.runOnContext(v -> {
            try {
                Ex02_HotLoop.totalScore(vertx, DOCUMENTS, score)
                    .onComplete(total -> failure.complete(null), failure::complete);
            } catch (RuntimeException thrown) {
                failure.completeExceptionally(thrown);
            }
        });

        Throwable failed;
        try {
            failed = failure.get(5, SECONDS);
        } catch (java.util.concurrent.ExecutionException thrown) {
            fail("Ex02: totalScore threw (" + thrown.getCause() + ") instead of returning a failed future: the caller, "
                + "which listens to the future, never hears of it. Hint: catch the scoring failure and fail the promise with it");
            return;
        } catch (TimeoutException pending) {
            fail("Ex02: a document that cannot be scored left the total pending for ever (5 s): the exception escaped a timer "
                + "or task callback and nobody completed the promise. Hint: try/catch around each chunk, then promise.fail(e)");
            return;
        }
        assertThat(failed)
            .as("Ex02: scoring failed at document 650, so the total should fail with that exception, not %s",
                failed == null ? "succeed" : failed)
            .isSameAs(corrupt);
    }

    /** The total and where it was delivered. */
    private record Delivered(long value, Thread thread, Thread loopThread) {
        boolean onTheLoop() {
            return thread == loopThread;
        }
    }

    /** Calls totalScore on the loop, as a handler would, and waits (off the loop) for the total. */
    private static Delivered scoreOnTheLoop(Vertx vertx, Context loop, ToLongFunction<String> score) throws Exception {
        CompletableFuture<Delivered> delivered = new CompletableFuture<>();
        loop.runOnContext(v -> {
            Thread loopThread = Thread.currentThread();
            Ex02_HotLoop.totalScore(vertx, DOCUMENTS, score).onComplete(
                total -> delivered.complete(new Delivered(total, Thread.currentThread(), loopThread)),
                delivered::completeExceptionally);
        });
        try {
            return delivered.get(5, SECONDS);
        } catch (TimeoutException neverCompleted) {
            fail("Ex02: the total never came back (5 s). Hint: complete the Promise with the sum after the last chunk, "
                + "and return promise.future()");
            throw neverCompleted;
        }
    }

    /**
     * Whether the probe has run. Scoring on the event loop cannot wait for it (that would hold the loop
     * it waits for), so it looks once; scoring elsewhere gives the free loop up to 2 s.
     */
    private static boolean hasRun(CountDownLatch probe) {
        try {
            return probe.await(Context.isOnEventLoopThread() ? 0 : 2_000, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static <T> T onTheLoop(Context loop, java.util.function.Supplier<Future<T>> action) throws Exception {
        CompletableFuture<T> result = new CompletableFuture<>();
        loop.runOnContext(v -> action.get().onComplete(result::complete, result::completeExceptionally));
        return result.get(20, SECONDS);
    }

    private static void send(Socket client, String path) {
        try {
            OutputStream out = client.getOutputStream();
            out.write(("GET " + path + " HTTP/1.1\r\nHost: localhost\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Sends a GET and reads its whole response ("pong", 4 bytes of body). */
    private static void get(Socket client, String path) throws IOException {
        send(client, path);
        client.setSoTimeout(20_000);
        InputStream in = client.getInputStream();
        StringBuilder response = new StringBuilder();
        while (!response.toString().endsWith("pong")) {
            int next = in.read();
            if (next < 0) {
                throw new IOException("connection closed after: " + response);
            }
            response.append((char) next);
        }
    }
}
