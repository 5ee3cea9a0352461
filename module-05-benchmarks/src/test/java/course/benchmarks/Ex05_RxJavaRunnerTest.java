package course.benchmarks;

import static course.benchmarks.support.Probes.assertEachWaitElapsed;
import static course.benchmarks.support.Probes.assertWaitsOverlap;
import static org.assertj.core.api.Assertions.assertThat;

import course.benchmarks.support.Probes;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Ex05 · RxJava on the computation scheduler")
class Ex05_RxJavaRunnerTest {

    /** RxJava names the computation scheduler's threads with this prefix. */
    private static final String COMPUTATION = "RxComputationThreadPool";

    private final ScenarioRunner runner = new Ex05_RxJavaRunner();

    @Test
    @DisplayName("spawn returns every unit's id, in order")
    void spawnReturnsEveryId() throws Exception {
        assertThat(runner.spawn(1000, id -> id))
            .as("Ex05: spawn(1000, id -> id) should return 0..999 in order. Hint: concatMapEager keeps the order, flatMap does not")
            .containsExactlyElementsOf(Probes.ids(1000));
    }

    @Test
    @DisplayName("spawned units run on the computation scheduler")
    void spawnRunsOnComputationThreads() throws Exception {
        assertThat(runner.spawn(100, id -> Thread.currentThread().getName()))
            .as("Ex05: each unit should run on a computation thread. Hint: Single.fromCallable(...).subscribeOn(Schedulers.computation())")
            .allMatch(name -> name.startsWith(COMPUTATION));
    }

    @Test
    @DisplayName("waits are timers: they overlap without blocking the scheduler's few threads")
    void waitsAreTimers() throws Exception {
        Probes.WaitRun run = Probes.runWaits(runner, 200);

        assertEachWaitElapsed(run, 200, "Ex05");
        assertThat(run.threads()).as("Ex05: afterWait should run where the timer fires, on a computation thread. "
                + "Hint: Single.timer(..., Schedulers.computation()).map(...)")
            .allMatch(thread -> thread.getName().startsWith(COMPUTATION));
        assertWaitsOverlap(run, 200, "Ex05", "Single.timer holds no thread; a sleep would block one of the few computation threads");
    }

    @Test
    @DisplayName("CPU units run in parallel and match the sequential reference")
    void computeRunsInParallelAndMatchesTheReference() throws Exception {
        int parties = Probes.parallelism();
        assertThat(runner.compute(4, Probes.meetingOf(parties)))
            .as("Ex05: " + parties + " CPU units should run at the same time. Hint: subscribe to every unit at once "
                + "(concatMapEager), each with subscribeOn(Schedulers.computation())")
            .containsOnly(true);

        int units = MixingLoop.cpuUnits();
        assertThat(runner.compute(units, Probes.mixWork()))
            .as("Ex05: compute should return MixingLoop.mix(id, rounds) for every id, in order. Hint: compute runs like spawn")
            .containsExactlyElementsOf(Probes.sequentialMix(units));
    }
}
