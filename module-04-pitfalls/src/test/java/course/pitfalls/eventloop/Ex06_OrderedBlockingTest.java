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
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

@DisplayName("Ex06 · executeBlocking left ordered")
@ExtendWith(VertxExtension.class)
class Ex06_OrderedBlockingTest {

    @Test
    @Tag("contract:values")
    @Tag("contract:placement")
    @Tag("contract:concurrency")
    @Tag("contract:event-loop")
    @Timeout(value = 30, unit = SECONDS) // calls wait up to 5 s for each other: only calls that cannot overlap wait it out
    @DisplayName("three blocking calls are in flight at the same time, and the replies come back in call order, on the loop")
    void callsOverlap(Vertx vertx) throws Exception {
        // Each call can go on only when all three are running at once; then call 2 answers first and call 0 last.
        CyclicBarrier allThreeAtOnce = new CyclicBarrier(3);
        Set<String> callThreads = ConcurrentHashMap.newKeySet();
        List<Callable<String>> calls = IntStream.range(0, 3)
            .mapToObj(i -> (Callable<String>) () -> {
                callThreads.add(Thread.currentThread().getName());
                allThreeAtOnce.await(5, SECONDS);
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
            assertThat(replies.get(10, SECONDS))
                .as("Ex06: the replies come back in the order of the calls, although call 2 finished first and call 0 last. "
                    + "Hint: keep the list of futures in call order; Future.all(list) keeps that order")
                .containsExactly("reply 0", "reply 1", "reply 2");
        } catch (ExecutionException serialised) {
            fail("Ex06: the three calls were never in flight together: the first waited 5 s for the other two and gave up ("
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
    @Tag("contract:concurrency")
    @Tag("contract:lifecycle")
    @Tag("contract:event-loop")
    @Timeout(value = 30, unit = SECONDS) // calls wait up to 5 s for each other: only calls that cannot overlap wait it out
    @DisplayName("two fan-outs of four calls, made by one handler in one turn, are all in flight at once, and leave no thread behind")
    void twoFanOutsFromOneHandlerOverlap(Vertx vertx) throws Exception {
        int callsEach = 4;
        // Every call of both fan-outs goes on only when all eight are running at once.
        CyclicBarrier allAtOnce = new CyclicBarrier(2 * callsEach);
        Set<Thread> callThreads = ConcurrentHashMap.newKeySet();
        java.util.function.IntFunction<List<Callable<String>>> fanOut = which -> IntStream.range(0, callsEach)
            .mapToObj(i -> (Callable<String>) () -> {
                callThreads.add(Thread.currentThread());
                allAtOnce.await(5, SECONDS);
                return which + "." + i;
            })
            .toList();
        Context handler = vertx.getOrCreateContext();
        CompletableFuture<List<String>> first = new CompletableFuture<>();
        CompletableFuture<List<String>> second = new CompletableFuture<>();

        handler.runOnContext(v -> {
            Ex06_OrderedBlocking.callAll(vertx, fanOut.apply(1)).onComplete(first::complete, first::completeExceptionally);
            Ex06_OrderedBlocking.callAll(vertx, fanOut.apply(2)).onComplete(second::complete, second::completeExceptionally);
        });

        try {
            assertThat(first.get(10, SECONDS)).as("Ex06: the first fan-out's replies, in call order").containsExactly("1.0", "1.1", "1.2", "1.3");
            assertThat(second.get(10, SECONDS)).as("Ex06: the second fan-out's replies, in call order").containsExactly("2.0", "2.1", "2.2", "2.3");
        } catch (ExecutionException notTogether) {
            fail("Ex06: one handler started two fan-outs of %d calls in the same turn, but the %d calls were never all in "
                + "flight together (%s); they ran on %d threads. Either some call is still ordered (executeBlocking(call) or "
                + "(call, true) from one context waits for every earlier ordered call of that context, so the second fan-out "
                + "queues behind the first), or the calls run on a pool smaller than the work (a pool sized to one test's "
                + "number of calls). Hint: every call with vertx.executeBlocking(call, false), on the shared worker pool",
                callsEach, 2 * callsEach, notTogether.getCause(), callThreads.size());
        }
        boolean noneLeft = false;
        for (long giveUpAt = System.nanoTime() + 2_000_000_000L; !noneLeft && System.nanoTime() < giveUpAt; Thread.sleep(20)) {
            noneLeft = callThreads.stream().noneMatch(t -> t.isAlive() && !t.getName().startsWith("vert.x-worker-thread-"));
        }
        assertThat(noneLeft)
            .as("Ex06: 2 s after both fan-outs were done, threads that ran their calls were still alive (%s), and they are "
                + "not Vert.x's shared worker pool: each callAll made a pool (or threads) of its own and never closed it, so "
                + "every request leaves threads behind. Hint: vertx.executeBlocking(call, false) runs on the shared pool, "
                + "which lives as long as Vert.x", callThreads.stream().filter(Thread::isAlive).map(Thread::getName).sorted().toList())
            .isTrue();
    }

    @Test
    @Tag("contract:errors")
    @Tag("contract:event-loop")
    @Timeout(value = 30, unit = SECONDS) // calls wait up to 5 s for each other: only calls that cannot overlap wait it out
    @DisplayName("a call that fails fails the fan-out with its failure")
    void aFailingCallFailsTheFanOut(Vertx vertx) throws Exception {
        IllegalStateException down = new IllegalStateException("inventory service down");
        // The three calls are in flight together; then call 1 fails.
        CyclicBarrier allThreeAtOnce = new CyclicBarrier(3);
        List<Callable<String>> calls = IntStream.range(0, 3)
            .mapToObj(i -> (Callable<String>) () -> {
                allThreeAtOnce.await(5, SECONDS);
                if (i == 1) {
                    throw down;
                }
                return "reply " + i;
            })
            .toList();
        Context handler = vertx.getOrCreateContext();
        CompletableFuture<Object> outcome = new CompletableFuture<>();

        handler.runOnContext(v -> Ex06_OrderedBlocking.callAll(vertx, calls)
            .onComplete(outcome::complete, outcome::complete));

        Object result = outcome.get(10, SECONDS);
        assertThat(result)
            .as("Ex06: call 1 of 3 failed, so callAll should fail with its failure, not %s: a fan-out that hides a failed "
                + "call (a null, a default, a shorter list) hands its caller an answer built on a missing reply. Hint: "
                + "Future.all(replies) fails as soon as one reply fails; let it", result)
            .isSameAs(down);
    }

    @Test
    @Tag("contract:event-loop")
    @Timeout(value = 60, unit = SECONDS) // the first ArchUnit import loads a large library: tens of seconds on a very busy machine
    @DisplayName("law: event-loop code says whether executeBlocking work is ordered")
    void obeysTheStateTheOrderLaw() {
        EventLoopLaws.assertObeyed("Ex06", EventLoopLaws.STATES_WHETHER_BLOCKING_WORK_IS_ORDERED, Ex06_OrderedBlocking.class,
            "Hint: call executeBlocking(callable, false) for independent work, (callable, true) when order matters.");
    }
}
