package course.mixed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

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
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.IntStream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@ExtendWith(VertxExtension.class)
@DisplayName("Ex04 · Split a long CPU loop into chunks that yield back to the event loop")
class Ex04_ChunkedLoopTest {

    @Tag("contract:values")
    @Tag("contract:placement")
    @Tag("contract:event-loop")
    @Test
    @DisplayName("every step runs once, in order, on the event loop itself")
    void everyStepOnceInOrderOnTheLoop(Vertx vertx) throws Exception {
        Context context = vertx.getOrCreateContext();
        Thread loopThread = OnContext.call(context, () -> Future.succeededFuture(Thread.currentThread())).await(5, TimeUnit.SECONDS);
        List<Integer> steps = new CopyOnWriteArrayList<>();
        List<Thread> threads = new CopyOnWriteArrayList<>();

        OnContext.call(context, () -> Ex04_ChunkedLoop.forEachInChunks(context, 100, 10, i -> {
            steps.add(i);
            threads.add(Thread.currentThread());
        })).await(5, TimeUnit.SECONDS);

        assertThat(steps).as("Ex04: body should be called for 0..99, each once, in order")
            .containsExactlyElementsOf(IntStream.range(0, 100).boxed().toList());
        assertThat(threads)
            .as("Ex04: every step should run on the context's event loop (%s), but some ran on %s: chunking keeps the "
                + "work on the loop (the state it touches belongs to that loop), it does not move it",
                loopThread.getName(), threads.stream().filter(t -> t != loopThread).map(Thread::getName).distinct().toList())
            .allMatch(t -> t == loopThread);
    }

    @Tag("contract:event-loop")
    @ParameterizedTest(name = "chunks of {0}")
    @ValueSource(ints = {10, 7})
    @DisplayName("a handler queued during the first chunk runs right after it: chunks of exactly chunkSize steps")
    void otherHandlersRunBetweenChunks(int chunkSize, Vertx vertx) throws Exception {
        Context context = vertx.getOrCreateContext();
        AtomicInteger stepsDone = new AtomicInteger();
        AtomicInteger stepsBeforeOtherHandler = new AtomicInteger(-1);

        OnContext.call(context, () -> Ex04_ChunkedLoop.forEachInChunks(context, 200, chunkSize, i -> {
            if (i == 0) {
                // Another piece of work arrives on the same event loop while the loop is busy.
                context.runOnContext(v -> stepsBeforeOtherHandler.set(stepsDone.get()));
            }
            stepsDone.incrementAndGet();
        })).await(5, TimeUnit.SECONDS);

        assertThat(stepsBeforeOtherHandler.get())
            .as("Ex04: a handler queued during the first chunk ran after %d of 200 steps; with chunkSize %d it should run "
                + "right after the first chunk, after exactly %d steps. %s", stepsBeforeOtherHandler.get(), chunkSize, chunkSize,
                stepsBeforeOtherHandler.get() > chunkSize
                    ? "Your chunks are longer than chunkSize (or the loop never lets go): stop after chunkSize steps and schedule the rest"
                    : "Your chunks are shorter than chunkSize: each chunk should run chunkSize steps")
            .isEqualTo(chunkSize);
    }

    @Tag("contract:errors")
    @Tag("contract:event-loop")
    @Test
    @DisplayName("a step that throws in a later chunk fails the future, and no step runs after it")
    void aFailingStepFailsTheFuture(Vertx vertx) throws Exception {
        Context context = vertx.getOrCreateContext();
        List<Integer> steps = new CopyOnWriteArrayList<>();
        IllegalStateException boom = new IllegalStateException("step 15 failed");

        AtomicReference<Future<Void>> future = new AtomicReference<>();
        Throwable failure = catchThrowable(() -> OnContext.call(context, () -> {
            future.set(Ex04_ChunkedLoop.forEachInChunks(context, 40, 10, i -> {
                steps.add(i);
                if (i == 15) {
                    throw boom;   // in the second chunk, which runs from a timer
                }
            }));
            return future.get();
        }).await(4, TimeUnit.SECONDS));

        assertThat(failure)
            .as("Ex04: the step at index 15 (in the second chunk) threw, %s", failure == null
                ? "yet the future succeeded: a failed step must fail it"
                : failure instanceof TimeoutException
                    ? "and 4 s later the future still had not failed. What a timer handler throws goes to Vert.x's "
                        + "exception handler, not to your future: catch it and fail the promise"
                    : "and the future failed with " + failure + " instead of what the step threw")
            .isSameAs(boom);
        assertThat(steps).as("Ex04: after the step at index 15 failed, no later step should run")
            .containsExactlyElementsOf(IntStream.rangeClosed(0, 15).boxed().toList());
    }

    @Tag("contract:errors")
    @Tag("contract:event-loop")
    @Test
    @DisplayName("a step that throws in the first chunk fails the future too: forEachInChunks never throws at its caller")
    void aFailingStepInTheFirstChunkFailsTheFuture(Vertx vertx) throws Exception {
        Context context = vertx.getOrCreateContext();
        List<Integer> steps = new CopyOnWriteArrayList<>();
        IllegalStateException boom = new IllegalStateException("step 3 failed");

        // Called on the context as a handler would, without OnContext (which would turn a throw into a failed future).
        java.util.concurrent.CompletableFuture<Object> outcome = new java.util.concurrent.CompletableFuture<>();
        context.runOnContext(v -> {
            try {
                Ex04_ChunkedLoop.forEachInChunks(context, 40, 10, i -> {
                    steps.add(i);
                    if (i == 3) {
                        throw boom;   // in the first chunk, which runs while forEachInChunks's caller is still on the stack
                    }
                }).onComplete(done -> outcome.complete(done.succeeded() ? "the future succeeded" : done.cause()));
            } catch (Throwable thrown) {
                outcome.complete(new AssertionError("thrown at the caller", thrown));
            }
        });
        Object result = catchThrowable(() -> outcome.get(4, TimeUnit.SECONDS)) instanceof TimeoutException
            ? "no outcome within 4 s" : outcome.getNow(null);

        Throwable thrownAtCaller = result instanceof AssertionError wrapper ? wrapper.getCause() : null;
        assertThat(thrownAtCaller)
            .as("Ex04: the step at index 3 (in the first chunk) threw, and forEachInChunks threw (" + thrownAtCaller + ") at its caller instead of "
                + "returning a failed future: the caller's handler breaks off halfway, and code that composes on the returned "
                + "future never hears of the failure. The first chunk runs while the caller is still on the stack, but it is "
                + "a chunk like the others. Hint: the same try/catch around every chunk's steps, the first one's too")
            .isNull();
        assertThat(result)
            .as("Ex04: the step at index 3 (in the first chunk) threw, so the future should fail with what it threw, but: %s",
                result)
            .isSameAs(boom);
        assertThat(steps).as("Ex04: after the step at index 3 failed, no later step should run")
            .containsExactly(0, 1, 2, 3);
    }

    @Tag("contract:event-loop")
    @Test
    @Timeout(30) // 600 ms of CPU on the loop, twice measured: a 2-core machine at load 30 took 9 s
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
                + "to %d ms late (one plain loop: %d ms late). Timers and sockets should get a turn between chunks. Netty "
                + "runs every queued task, including the ones queued meanwhile, before it looks at timers and sockets "
                + "again: continuing with a queued task is no yield",
                yours.ticksDuringWork(), steps, yours.maxLagMillis(), naive.maxLagMillis())
            .isGreaterThanOrEqualTo(3);
    }

    @Test
    @Tag("contract:state")
    @Tag("contract:event-loop")
    @DisplayName("two loops started in the same turn of one event loop each run all their own steps, in order")
    void twoLoopsOnOneEventLoopKeepTheirOwnPlace(Vertx vertx) throws Exception {
        Context context = vertx.getOrCreateContext();
        List<Integer> first = new CopyOnWriteArrayList<>();
        List<Integer> second = new CopyOnWriteArrayList<>();

        OnContext.call(context, () -> Future.all(
            Ex04_ChunkedLoop.forEachInChunks(context, 50, 10, first::add),
            Ex04_ChunkedLoop.forEachInChunks(context, 30, 10, second::add))).await(5, TimeUnit.SECONDS);

        assertThat(List.of(first, second))
            .as("Ex04: two loops of 50 and 30 steps ran side by side on one event loop; each body should see its own 0..49 "
                + "and 0..29, in order, but saw %s and %s: where a loop has got to is shared between calls (a static field?). "
                + "Hint: pass the next index from chunk to chunk as an argument", first, second)
            .containsExactly(IntStream.range(0, 50).boxed().toList(), IntStream.range(0, 30).boxed().toList());
    }
}
