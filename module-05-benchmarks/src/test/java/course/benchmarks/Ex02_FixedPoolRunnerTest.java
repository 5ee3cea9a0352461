package course.benchmarks;

import static course.benchmarks.support.Probes.assertEachWaitElapsed;
import static org.assertj.core.api.Assertions.assertThat;

import course.benchmarks.support.Probes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Ex02 · A fixed pool sized to the cores")
class Ex02_FixedPoolRunnerTest {

    private static final int CORES = Runtime.getRuntime().availableProcessors();

    @Test
    @DisplayName("spawn returns every unit's id, in order")
    void spawnReturnsEveryId() throws Exception {
        try (ScenarioRunner runner = new Ex02_FixedPoolRunner()) {
            assertThat(runner.spawn(1000, id -> id))
                .as("Ex02: spawn(1000, id -> id) should return 0..999 in order. Hint: invokeAll keeps the order of its tasks")
                .containsExactlyElementsOf(Probes.ids(1000));
        }
    }

    @Test
    @DisplayName("the units share the pool's threads, one per core, call after call")
    void unitsReuseThePoolThreads() throws Exception {
        try (ScenarioRunner runner = new Ex02_FixedPoolRunner()) {
            List<Thread> threads = new ArrayList<>(runner.spawn(200, id -> Thread.currentThread()));
            threads.addAll(runner.spawn(200, id -> Thread.currentThread()));

            assertThat(new HashSet<>(threads)).as("Ex02: 400 units over two calls should run on at most " + CORES
                    + " threads (the pool's). Hint: submit to the `pool` field; never create threads or pools per call")
                .hasSizeLessThanOrEqualTo(CORES)
                .doesNotContain(Thread.currentThread());
            assertThat(threads).as("Ex02: the pool's threads are platform threads").noneMatch(Thread::isVirtual);
        }
    }

    @Test
    @DisplayName("the CPU units use the cores in parallel and match the sequential reference")
    void computeRunsInParallelAndMatchesTheReference() throws Exception {
        try (ScenarioRunner runner = new Ex02_FixedPoolRunner()) {
            int parties = Probes.parallelism();
            assertThat(runner.compute(4, Probes.meetingOf(parties))).as("Ex02: " + parties
                    + " CPU units should run at the same time on the pool's threads. Hint: submit them all (invokeAll), then wait")
                .containsOnly(true);

            int units = MixingLoop.cpuUnits();
            assertThat(runner.compute(units, Probes.mixWork()))
                .as("Ex02: compute should return MixingLoop.mix(id, rounds) for every id, in order. Hint: compute runs like spawn")
                .containsExactlyElementsOf(Probes.sequentialMix(units));
        }
    }

    @Test
    @DisplayName("the waits elapse on the pool's few threads, each blocking one")
    void waitsBlockThePoolThreads() throws Exception {
        try (ScenarioRunner runner = new Ex02_FixedPoolRunner()) {
            Probes.WaitRun run = Probes.runWaits(runner, 4 * CORES);

            assertEachWaitElapsed(run, 4 * CORES, "Ex02");
            assertThat(new HashSet<>(run.threads())).as("Ex02: the waiting units should sleep on the pool's threads (at most "
                    + CORES + "). Hint: reuse spawn, sleep with ScenarioRunner.blockingSleep(pause)")
                .hasSizeLessThanOrEqualTo(CORES)
                .doesNotContain(Thread.currentThread());
        }
    }

    @Test
    @DisplayName("close() ends the pool's threads")
    void closeEndsThePool() throws Exception {
        Set<Thread> threads;
        try (ScenarioRunner runner = new Ex02_FixedPoolRunner()) {
            threads = new HashSet<>(runner.spawn(20, id -> Thread.currentThread()));
        }
        Awaitility.await().atMost(Duration.ofSeconds(2))
            .untilAsserted(() -> assertThat(threads).as("Ex02: after close() no pool thread should still be alive. "
                    + "Hint: close() shuts the pool down (pool.close())")
                .noneMatch(Thread::isAlive));
    }
}
