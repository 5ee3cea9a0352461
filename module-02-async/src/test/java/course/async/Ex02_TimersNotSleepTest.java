package course.async;

import static org.assertj.core.api.Assertions.assertThat;

import course.async.support.Await;
import course.async.support.EventLoopLagProbe;
import course.async.support.LoopCall;
import course.async.support.TimerCountingVertx;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.junit5.VertxExtension;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

@DisplayName("Ex02 · Timers are the non-blocking sleep")
@ExtendWith(VertxExtension.class)
class Ex02_TimersNotSleepTest {

    @Tag("contract:values")
    @Tag("contract:event-loop")
    @Test
    @DisplayName("the call returns at once: waiting is scheduled, not done")
    void returnsBeforeTheWaitsEnd(Vertx vertx) {
        // Called on an event loop, timers set there fire on that loop: none can have fired before the call returns.
        LoopCall<List<String>> call = LoopCall.on("Ex02: waitConcurrently", vertx.getOrCreateContext(), () -> Ex02_TimersNotSleep.waitConcurrently(vertx, 3, 200));

        assertThat(call.returnedPending())
            .as("Ex02: waitConcurrently must return a pending future, not wait itself, but %s. Hint: vertx.timer(...) "
                + "instead of Thread.sleep(...)", call.mistake())
            .isTrue();
        assertThat(Await.result(call.future(), "Ex02: the three waits should end")).hasSize(3);
    }

    @Tag("contract:placement")
    @Tag("contract:concurrency")
    @Tag("contract:event-loop")
    @Tag("contract:cores")
    @Test
    @DisplayName("1,000 waits of 10 ms share one event-loop thread, end in about 10 ms, and never block it")
    @Timeout(30)   // its own waits are bounded (5 s each); the default 10 s could cut them off on a loaded machine
    void thousandWaitsOnOneEventLoop() {
        // A single worker thread: 1,000 sleeps handed to workers (executeBlocking) would then take 10 s, not 10 ms,
        // so only waits that occupy no thread at all can pass.
        Vertx vertx = Vertx.vertx(new VertxOptions().setWorkerPoolSize(1));
        try {
            thousandWaitsOn(vertx);
        } finally {
            vertx.close();   // not awaited: a wrong answer may keep the worker busy; its threads end once it is done
        }
    }

    private static String whyNotOver(int timersStarted) {
        if (timersStarted == 0) {
            return "No Vert.x timer was started: a wait that sleeps holds a thread (here the only worker thread, "
                + "so 1,000 sleeps take 10 s). Hint: a timer waits without any thread";
        }
        if (timersStarted < 1_000) {
            return "Only " + timersStarted + " of the 1,000 timers had been started: each wait began when the previous "
                + "one ended. Hint: start every timer first, then wait for all of them together";
        }
        return "Hint: start every wait before any has ended, and never sleep";
    }

    /** Live platform threads with this name: more than one event-loop thread of that name means another Vertx instance runs. */
    private static long threadsNamed(String name) {
        return Thread.getAllStackTraces().keySet().stream().filter(thread -> thread.getName().equals(name)).count();
    }

    private static void thousandWaitsOn(Vertx vertx) {
        Context eventLoop = vertx.getOrCreateContext();
        EventLoopLagProbe probe = Await.result(EventLoopLagProbe.start(eventLoop), "lag probe did not start");
        TimerCountingVertx counting = TimerCountingVertx.wrap(vertx);
        AtomicReference<String> callerThread = new AtomicReference<>();

        long start = System.nanoTime();
        List<String> threads = Await.result(
            Await.onEventLoop(eventLoop, () -> {
                callerThread.set(Thread.currentThread().getName());
                return Ex02_TimersNotSleep.waitConcurrently(counting.vertx(), 1_000, 10);
            }),
            () -> "Ex02: 1,000 concurrent 10 ms waits should be over in about 10 ms. " + whyNotOver(counting.timersStarted()));
        long elapsedMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        long lagMs = probe.stopAndGetMaxLagMillis();

        assertThat(threads).as("Ex02: one thread name per wait").hasSize(1_000);
        assertThat(threads)
            .as("Ex02: every wait's continuation should run on an event loop, never on a worker thread. Hint: timers, not executeBlocking")
            .allMatch(name -> name.startsWith("vert.x-eventloop-thread"));
        assertThat(threads)
            .as("Ex02: the 1,000 waits should all continue on the caller's own event-loop thread (%s)", callerThread.get())
            .containsOnly(callerThread.get());
        assertThat(elapsedMs)
            .as("Ex02: 1,000 waits of 10 ms took %d ms; side by side they take ~10 ms (sequential would be 10,000). Hint: start them all in one loop", elapsedMs)
            .isLessThan(3_000);
        assertThat(lagMs)
            .as("Ex02: the event loop was blocked for %d ms while waiting. Hint: Thread.sleep on an event loop stops every other handler; use a Vert.x timer", lagMs)
            .isLessThan(1_000);   // sleeping 1,000 x 10 ms would block it for 10 s; a loaded machine adds a few hundred ms at most
        assertThat(counting.timersStarted())
            .as("Ex02: 1,000 waits started %d Vert.x timer(s). Each wait must be its own timer: %s", counting.timersStarted(),
                counting.timersStarted() > 0
                    ? "one timer whose result is copied to every wait gives the right names and timing here, "
                        + "but the waits are no longer independent (each would need its own delay, or its own cancel)"
                    : threadsNamed(callerThread.get()) > 1
                        ? "the waits did end on an event loop, but none was a timer of the Vertx passed in, and a second event-loop "
                            + "thread named like the caller's is alive. A Vertx of your own "
                            + "(Vertx.vertx() inside the call) runs its timers on event loops of its own, outside the caller's (its "
                            + "threads only share their names), and one made per call and never closed keeps its threads forever. "
                            + "Hint: start the timers on the vertx parameter"
                        : "a thread that sleeps (even a virtual one) is a thread per wait, which is what the event loop saves you")
            .isGreaterThanOrEqualTo(1_000);
    }
}
