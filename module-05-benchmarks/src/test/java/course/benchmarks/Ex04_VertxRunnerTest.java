package course.benchmarks;

import static course.benchmarks.support.Probes.assertEachWaitElapsed;
import static course.benchmarks.support.Probes.assertWaitsOverlap;
import static org.assertj.core.api.Assertions.assertThat;

import course.benchmarks.support.Probes;
import io.vertx.core.Context;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Ex04 · Vert.x: event-loop tasks, timers, executeBlocking")
class Ex04_VertxRunnerTest {

    private final ScenarioRunner runner = new Ex04_VertxRunner();

    @AfterEach
    void closeVertx() {
        runner.close();
    }

    @Test
    @DisplayName("spawn returns every unit's id, in order")
    void spawnReturnsEveryId() throws Exception {
        assertThat(runner.spawn(1000, id -> id))
            .as("Ex04: spawn(1000, id -> id) should return 0..999 in order. Hint: one Promise per unit, joinAll(futures)")
            .containsExactlyElementsOf(Probes.ids(1000));
    }

    @Test
    @DisplayName("spawned units are tasks on an event loop")
    void spawnRunsOnTheEventLoop() throws Exception {
        assertThat(runner.spawn(100, id -> Context.isOnEventLoopThread()))
            .as("Ex04: each spawned unit should run as a task on an event-loop thread. Hint: loop.runOnContext(...)")
            .containsOnly(true);
    }

    @Test
    @DisplayName("waits are timers: they overlap, and fire on the event loop")
    void waitsAreTimers() throws Exception {
        Probes.WaitRun run = Probes.runWaits(runner, 200);

        assertEachWaitElapsed(run, 200, "Ex04");
        assertThat(run.units()).as("Ex04: afterWait should run on the event loop, where a timer fires. "
                + "Hint: vertx.timer(...).map(...), not a sleep on a worker")
            .allMatch(Probes.Woke::onEventLoop);
        assertWaitsOverlap(run, 200, "Ex04", "a timer holds no thread; a Thread.sleep on the event loop makes every unit queue behind it");
    }

    @Test
    @DisplayName("1,000 waits of 100 ms hold no thread: together they take about one wait, not rounds on the workers")
    void waitsHoldNoThread() throws Exception {
        int units = 1000;
        Duration pause = Duration.ofMillis(100);
        long start = System.nanoTime();
        runner.waitThen(units, pause, id -> id);
        Duration took = Duration.ofNanos(System.nanoTime() - start);

        // Timers: all 1,000 fire about 100 ms after they are set. A sleep moved to the worker pool
        // (executeBlocking) holds one of its 20 threads per wait: 1,000 / 20 = 50 rounds = 5 s.
        assertThat(took).as("Ex04: 1,000 timers of 100 ms should all run at once and take about 100 ms, but took %d ms: "
                + "something held a thread per wait. Hint: vertx.timer(...), not a sleep in executeBlocking (20 worker threads, 50 rounds)",
                took.toMillis())
            .isLessThan(Duration.ofSeconds(2));
    }

    @Test
    @DisplayName("CPU units run on worker threads, never on the event loop")
    void computeRunsOffTheEventLoop() throws Exception {
        assertThat(runner.compute(4, id -> Context.isOnWorkerThread()))
            .as("Ex04: CPU units must not run on the event loop: they would stall every other task on it. "
                + "Hint: vertx.executeBlocking(callable, false)")
            .containsOnly(true);
    }

    @Test
    @DisplayName("CPU units run in parallel and match the sequential reference")
    void computeRunsInParallelAndMatchesTheReference() throws Exception {
        int parties = Probes.parallelism();
        assertThat(runner.compute(4, Probes.meetingOf(parties)))
            .as("Ex04: " + parties + " CPU units should run at the same time. Hint: not on the event loop (one task at a time), and "
                + "executeBlocking is ORDERED by default (one job at a time per context): pass ordered=false")
            .containsOnly(true);

        int units = MixingLoop.cpuUnits();
        assertThat(runner.compute(units, Probes.mixWork()))
            .as("Ex04: compute should return MixingLoop.mix(id, rounds) for every id, in order. Hint: joinAll keeps the order")
            .containsExactlyElementsOf(Probes.sequentialMix(units));
    }
}
