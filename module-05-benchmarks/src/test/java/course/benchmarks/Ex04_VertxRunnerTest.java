package course.benchmarks;

import static course.benchmarks.support.Probes.assertEachWaitElapsed;
import static course.benchmarks.support.Probes.assertWaitsOverlap;
import static org.assertj.core.api.Assertions.assertThat;

import course.benchmarks.support.CountingVertx;
import course.benchmarks.support.Probes;
import io.vertx.core.Context;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.ThreadingModel;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@DisplayName("Ex04 · Vert.x: event-loop tasks, timers, executeBlocking")
class Ex04_VertxRunnerTest {

    private final CountingVertx counting = new CountingVertx(Vertx.vertx());
    private final ScenarioRunner runner = new Ex04_VertxRunner(counting.vertx());

    @AfterEach
    void closeVertx() {
        runner.close();
    }

    @Test
    @Tag("contract:values")
    @DisplayName("spawn returns every unit's id, in order")
    void spawnReturnsEveryId() throws Exception {
        assertThat(runner.spawn(1000, id -> id))
            .as("Ex04: spawn(1000, id -> id) should return 0..999 in order. Hint: one Promise per unit, joinAll(futures) keeps their order")
            .containsExactlyElementsOf(Probes.ids(1000));
    }

    @Test
    @Tag("contract:placement")
    @DisplayName("spawned units are tasks on an event loop")
    void spawnRunsOnTheEventLoop() throws Exception {
        assertThat(runner.spawn(100, id -> Context.isOnEventLoopThread()))
            .as("Ex04: each spawned unit should run as a task on an event-loop thread (the cheapest unit Vert.x has), "
                + "not on a worker. Hint: schedule each unit on a context")
            .containsOnly(true);
    }

    @Test
    @Tag("contract:placement")
    @Tag("contract:concurrency")
    @DisplayName("waits are timers: they overlap, and fire on the event loop")
    void waitsAreTimers() throws Exception {
        // Waits of 100 ms: the run's set-up (a loaded machine can stall it for a second) stays small beside them, and
        // waits that take turns in k lanes still need 200 / k of them.
        Probes.WaitRun run = Probes.runWaits(runner, 200, Probes.TIMED_PAUSE, "Ex04");

        assertEachWaitElapsed(run, 200, Probes.TIMED_PAUSE, "Ex04");
        assertThat(run.units()).as("Ex04: afterWait should run on the event loop, where a timer fires. "
                + "A wait that sleeps on a worker holds a thread the whole time")
            .allMatch(Probes.Woke::onEventLoop);
        assertWaitsOverlap(run, 200, Probes.TIMED_PAUSE, "Ex04", "a timer holds no thread; a Thread.sleep on the event loop makes every unit queue behind it");
    }

    @Test
    @Tag("contract:placement")
    @DisplayName("every unit waits on its own timer")
    void everyUnitSetsItsOwnTimer() throws Exception {
        counting.reset();
        Probes.within(Duration.ofSeconds(8), () -> runner.waitThen(200, Probes.PAUSE, id -> id),
            "Ex04: waitThen(200 units, 20 ms each) did not return within 8 s: something held a thread per wait, or a wait never "
                + "ended. Hint: a timer holds no thread");

        int timers = counting.calls("timer", "setTimer");
        assertThat(timers).as("Ex04: 200 units should each wait on a timer of their own, but %d timer(s) were set. One timer that "
                + "completes every unit measures one wait, not 200. Hint: set the timer inside the loop over the units", timers)
            .isGreaterThanOrEqualTo(200);
    }

    @Test
    @Tag("contract:concurrency")
    @DisplayName("1,000 waits of 100 ms hold no thread: together they take about one wait, not rounds on the workers")
    void waitsHoldNoThread() throws Exception {
        int units = 1000;
        Duration pause = Duration.ofMillis(100);
        long start = System.nanoTime();
        Probes.within(Duration.ofSeconds(6), () -> runner.waitThen(units, pause, id -> id),
            "Ex04: 1,000 waits of 100 ms did not return within 6 s, where timers take about 100 ms: something held a thread "
                + "per wait (a sleep on the event loop, or in executeBlocking on the 20 worker threads). Hint: a timer");
        Duration took = Duration.ofNanos(System.nanoTime() - start);

        // Timers: all 1,000 fire about 100 ms after they are set. A sleep moved to the worker pool
        // (executeBlocking) holds one of its 20 threads per wait: 1,000 / 20 = 50 rounds, never under 5 s on any
        // machine. The bound sits just below that floor, leaving a loaded machine all the room there is.
        assertThat(took).as("Ex04: 1,000 timers of 100 ms should all run at once and take about 100 ms, but took %d ms: "
                + "something held a thread per wait. Hint: a timer, not a sleep in executeBlocking (20 worker threads, 50 rounds)",
                took.toMillis())
            .isLessThan(Duration.ofMillis(4_500));
    }

    @Test
    @Tag("contract:placement")
    @DisplayName("CPU units run on worker threads, never on the event loop")
    void computeRunsOffTheEventLoop() throws Exception {
        assertThat(runner.compute(4, id -> Context.isOnWorkerThread()))
            .as("Ex04: CPU units must run on Vert.x's worker threads: on the event loop they stall every other task on it, "
                + "and a pool of your own bypasses Vert.x (its contexts, its metrics, its shutdown). Hint: executeBlocking")
            .containsOnly(true);
    }

    @Test
    @Tag("contract:concurrency")
    @Tag("contract:event-loop")
    @DisplayName("called from inside one context, the CPU units still run in parallel")
    void computeRunsInParallelFromInsideOneContext() throws Exception {
        int parties = 2; // the units block at a latch, so even one core runs two at once: this is about ordering, not cores
        // From a thread outside Vert.x every executeBlocking call gets a fresh context, so ordering
        // cannot bite there. A real caller is a verticle or a handler: one context. A virtual-thread
        // verticle is one context that may block on await(), like the benchmark's caller.
        Promise<List<Boolean>> met = Promise.promise();
        Vertx vertx = counting.vertx();
        vertx.deployVerticle(context -> {
            try {
                met.complete(runner.compute(4, Probes.meetingOf(parties)));
            } catch (Exception e) {
                met.fail(e);
            }
            return Future.succeededFuture();
        }, new DeploymentOptions().setThreadingModel(ThreadingModel.VIRTUAL_THREAD));

        assertThat(met.future().await(8, TimeUnit.SECONDS))
            .as("Ex04: called from inside one context (a verticle), " + parties + " CPU units should run at the same time, but "
                + "they ran one after another. Hint: executeBlocking is ordered by default, and ordering is per calling context: "
                + "jobs submitted from one context run one at a time unless you say they need not")
            .containsOnly(true);
    }

    @Test
    @Tag("contract:values")
    @DisplayName("a CPU unit that finishes first still comes back in its place")
    void computeKeepsUnitOrderWhateverFinishesFirst() throws Exception {
        java.util.concurrent.CountDownLatch unitOneReturning = new java.util.concurrent.CountDownLatch(1);
        List<Integer> ids = Probes.within(Duration.ofSeconds(8), () -> runner.compute(2, id -> {
            if (id == 0) {
                try {
                    unitOneReturning.await(5, TimeUnit.SECONDS);   // unit 1 runs beside unit 0 and returns first
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                ScenarioRunner.blockingSleep(Duration.ofMillis(300));
            } else {
                unitOneReturning.countDown();
            }
            return id;
        }), "Ex04: compute(2 units) did not return within 8 s. Hint: executeBlocking each unit, then wait for all of them");

        assertThat(ids).as("Ex04: unit 1 finished before unit 0, and compute should still return [0, 1], but returned %s: the results "
                + "were gathered in the order the units finished. Hint: keep the futures in unit order and read each one's result "
                + "once all are done (joinAll), rather than adding results to a list as they arrive", ids)
            .containsExactly(0, 1);
    }

    @Test
    @Tag("contract:values")
    @DisplayName("CPU units match the sequential reference")
    void computeMatchesTheReference() throws Exception {
        int units = MixingLoop.cpuUnits();
        assertThat(runner.compute(units, Probes.mixWork()))
            .as("Ex04: compute should return MixingLoop.mix(id, rounds) for every id, in order. Hint: joinAll keeps the order")
            .containsExactlyElementsOf(Probes.sequentialMix(units));
    }

    @Test
    @Tag("contract:errors")
    @Timeout(value = 30, unit = TimeUnit.SECONDS) // three scenarios, each given 8 s
    @DisplayName("a unit that throws makes the call throw, in every scenario")
    void aFailingUnitFailsTheCall() throws Exception {
        Probes.assertEveryScenarioFailsWithItsUnit("Ex04", runner,
            "a unit's failure must fail its future (a task that throws completes nothing: catch and fail the promise), and joinAll then throws");
    }

    @Test
    @Tag("contract:placement")
    @Tag("contract:event-loop")
    @DisplayName("spawn makes one event-loop task per unit: the benchmark times tasks, not a loop inside one")
    void spawnMakesOneTaskPerUnit() throws Exception {
        counting.reset();
        List<Integer> ids = runner.spawn(500, id -> id);

        int tasks = counting.calls("runOnContext", "execute");
        assertThat(ids).as("Ex04: spawn(500, id -> id) returns 0..499").containsExactlyElementsOf(Probes.ids(500));
        assertThat(tasks)
            .as("Ex04: 500 units should each be an event-loop task of their own, but %d task(s) were scheduled: one task that "
                + "loops over every unit gives the right values, and the benchmark then times a for loop, not what a task "
                + "costs. Hint: one runOnContext per unit, each completing its own promise", tasks)
            .isGreaterThanOrEqualTo(500);
    }

    @Test
    @Tag("contract:lifecycle")
    @DisplayName("close() returns once Vert.x is closed")
    void closeWaitsForVertxToClose() throws Exception {
        runner.spawn(10, id -> id);
        counting.closeTakesAtLeast(Duration.ofSeconds(2));     // a close that does not wait returns long before this
        runner.close();

        Object closing = counting.lastReturned("close");
        assertThat(closing).as("Ex04: close() should close the Vert.x instance the runner was given. Hint: vertx.close()")
            .isInstanceOf(io.vertx.core.Future.class);
        assertThat(((io.vertx.core.Future<?>) closing).isComplete())
            .as("Ex04: close() returned while Vert.x was still closing: vertx.close() only starts it and returns a future, so the "
                + "event loops and workers may still run when the caller goes on (the next benchmark measures alongside them). "
                + "Hint: wait for that future, vertx.close().await()")
            .isTrue();
    }
}
