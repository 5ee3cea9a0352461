package course.mixed;

import static org.assertj.core.api.Assertions.assertThat;

import course.mixed.support.BusyCpu;
import course.mixed.support.EventLoopLag;
import course.mixed.support.OnContext;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(VertxExtension.class)
@DisplayName("Ex04 · Split a long CPU loop into chunks that yield back to the event loop")
class Ex04_ChunkedLoopTest {

    @Test
    @DisplayName("every step runs once, in order, on the event loop itself")
    void everyStepOnceInOrderOnTheLoop(Vertx vertx) throws Exception {
        Context context = vertx.getOrCreateContext();
        Thread loopThread = OnContext.call(context, () -> Future.succeededFuture(Thread.currentThread())).await(2, TimeUnit.SECONDS);
        List<Integer> steps = new CopyOnWriteArrayList<>();
        List<Thread> threads = new CopyOnWriteArrayList<>();

        OnContext.call(context, () -> Ex04_ChunkedLoop.forEachInChunks(context, 100, 10, i -> {
            steps.add(i);
            threads.add(Thread.currentThread());
        })).await(5, TimeUnit.SECONDS);

        assertThat(steps).as("Ex04: body should be called for 0..99, each once, in order")
            .containsExactlyElementsOf(IntStream.range(0, 100).boxed().toList());
        assertThat(threads)
            .as("Ex04: every step should run on the context's event loop (%s): chunking keeps the work on the loop, "
                + "it does not move it. Hint: continue from context.owner().setTimer(1, ...), called on the loop, not from a worker", loopThread.getName())
            .allMatch(t -> t == loopThread);
    }

    @Test
    @DisplayName("a handler queued during the first chunk runs before the second chunk ends")
    void otherHandlersRunBetweenChunks(Vertx vertx) throws Exception {
        Context context = vertx.getOrCreateContext();
        AtomicInteger stepsDone = new AtomicInteger();
        AtomicInteger stepsBeforeOtherHandler = new AtomicInteger(-1);

        OnContext.call(context, () -> Ex04_ChunkedLoop.forEachInChunks(context, 200, 10, i -> {
            if (i == 0) {
                // Another piece of work arrives on the same event loop while the loop is busy.
                context.runOnContext(v -> stepsBeforeOtherHandler.set(stepsDone.get()));
            }
            stepsDone.incrementAndGet();
        })).await(5, TimeUnit.SECONDS);

        assertThat(stepsBeforeOtherHandler.get())
            .as("Ex04: a handler queued during the first chunk of 10 ran only after %d of 200 steps; it should get its turn "
                + "between chunks. Hint: after each chunk, schedule the rest (e.g. vertx.setTimer(1, id -> nextChunk(...)))",
                stepsBeforeOtherHandler.get())
            .isBetween(1, 20);
    }

    @Test
    @DisplayName("a 5 ms timer on the same loop keeps firing while 300 ms of steps run in chunks")
    void timersFireBetweenChunks(Vertx vertx) throws Exception {
        Context context = vertx.getOrCreateContext();
        int steps = 300;

        var naive = EventLoopLag.whileRunning(vertx, context, () -> {
            for (int i = 0; i < steps; i++) {
                BusyCpu.spin(1_000);
            }
            return Future.succeededFuture();
        });
        var yours = EventLoopLag.whileRunning(vertx, context,
            () -> Ex04_ChunkedLoop.forEachInChunks(context, steps, 5, i -> BusyCpu.spin(1_000)));

        System.out.printf("Ex04: %d steps of 1 ms CPU on the loop; worst lag of a 5 ms timer: %d ms in one loop, %d ms in "
            + "chunks of 5 (timer ticks during the work: %d vs %d)%n",
            steps, naive.maxLagMillis(), yours.maxLagMillis(), naive.ticksDuringWork(), yours.ticksDuringWork());
        assertThat(yours.ticksDuringWork())
            .as("Ex04: a 5 ms timer on the same event loop fired only %d times during your %d ms of chunked work, and ran up "
                + "to %d ms late (one plain loop: %d ms late). Timers and sockets should get a turn between chunks. Hint: "
                + "continue with vertx.setTimer(1, id -> nextChunk(...)); context.runOnContext lets only queued tasks in",
                yours.ticksDuringWork(), steps, yours.maxLagMillis(), naive.maxLagMillis())
            .isGreaterThanOrEqualTo(3);
    }
}
