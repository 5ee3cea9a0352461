package course.pitfalls.eventloop;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import course.pitfalls.support.EventLoopLaws;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.IntStream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

@DisplayName("Ex06 · executeBlocking left ordered")
@ExtendWith(VertxExtension.class)
class Ex06_OrderedBlockingTest {

    @Test
    @DisplayName("three blocking calls are in flight at the same time, and the replies come back in call order, on the loop")
    void callsOverlap(Vertx vertx) throws Exception {
        // Each call can go on only when all three are running at once; then call 2 answers first and call 0 last.
        CyclicBarrier allThreeAtOnce = new CyclicBarrier(3);
        Set<String> callThreads = ConcurrentHashMap.newKeySet();
        List<Callable<String>> calls = IntStream.range(0, 3)
            .mapToObj(i -> (Callable<String>) () -> {
                callThreads.add(Thread.currentThread().getName());
                allThreeAtOnce.await(2, SECONDS);
                Thread.sleep((2 - i) * 150L);
                return "reply " + i;
            })
            .toList();
        Context loop = vertx.getOrCreateContext();
        CompletableFuture<List<String>> replies = new CompletableFuture<>();
        AtomicReference<Thread> loopThread = new AtomicReference<>();
        AtomicReference<Thread> deliveredOn = new AtomicReference<>();

        // Called from inside one context, as a handler would: where executeBlocking's default ordering applies.
        loop.runOnContext(v -> {
            loopThread.set(Thread.currentThread());
            Ex06_OrderedBlocking.callAll(vertx, calls).onComplete(all -> {
                deliveredOn.set(Thread.currentThread());
                replies.complete(all);
            }, replies::completeExceptionally);
        });

        try {
            assertThat(replies.get(5, SECONDS))
                .as("Ex06: the replies come back in the order of the calls, although call 2 finished first and call 0 last. "
                    + "Hint: keep the list of futures in call order; Future.all(list) keeps that order")
                .containsExactly("reply 0", "reply 1", "reply 2");
        } catch (ExecutionException serialised) {
            fail("Ex06: the three calls were never in flight together: the first waited 2 s for the other two and gave up ("
                + serialised.getCause() + "); they ran on " + callThreads + ". Something made each call wait for the one "
                + "before: executeBlocking(callable) is ordered per context, a call started only from the previous one's "
                + "callback waits for it, and a pool with fewer threads than calls queues them. Hint: start every call at "
                + "once with vertx.executeBlocking(call, false)");
        }
        assertThat(deliveredOn.get())
            .as("Ex06: the replies arrived on %s, not on the caller's event loop %s: the calls ran outside Vert.x, so the "
                + "caller's callbacks now run on a foreign thread. Hint: vertx.executeBlocking(call, false) delivers on the "
                + "caller's context", deliveredOn.get(), loopThread.get())
            .isSameAs(loopThread.get());
    }

    @Test
    @Timeout(value = 60, unit = SECONDS) // the first ArchUnit import loads a large library: tens of seconds on a very busy machine
    @DisplayName("law: event-loop code says whether executeBlocking work is ordered")
    void obeysTheStateTheOrderLaw() {
        EventLoopLaws.assertObeyed("Ex06", EventLoopLaws.STATES_WHETHER_BLOCKING_WORK_IS_ORDERED, Ex06_OrderedBlocking.class,
            "Hint: call executeBlocking(callable, false) for independent work, (callable, true) when order matters.");
    }
}
