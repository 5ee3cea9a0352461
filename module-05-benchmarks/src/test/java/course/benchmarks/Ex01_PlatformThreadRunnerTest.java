package course.benchmarks;

import static course.benchmarks.support.Probes.assertEachWaitElapsed;
import static course.benchmarks.support.Probes.assertWaitsOverlap;
import static org.assertj.core.api.Assertions.assertThat;

import course.benchmarks.support.Probes;
import java.util.HashSet;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Ex01 · One platform thread per unit")
class Ex01_PlatformThreadRunnerTest {

    private final ScenarioRunner runner = new Ex01_PlatformThreadRunner();

    @Test
    @DisplayName("spawn returns every unit's id, in order")
    void spawnReturnsEveryId() throws Exception {
        List<Integer> ids = runner.spawn(1000, id -> id);

        assertThat(ids).as("Ex01: spawn(1000, id -> id) should return 0..999 in order. Hint: get() the tasks in the order you started them")
            .containsExactlyElementsOf(Probes.ids(1000));
    }

    @Test
    @DisplayName("each unit runs on its own new platform thread")
    void eachUnitHasItsOwnPlatformThread() throws Exception {
        List<Thread> threads = runner.spawn(50, id -> Thread.currentThread());

        assertThat(new HashSet<>(threads)).as("Ex01: 50 units should run on 50 different threads. Hint: Thread.ofPlatform().start(task) once per unit")
            .hasSize(50)
            .doesNotContain(Thread.currentThread());
        assertThat(threads).as("Ex01: the units should run on platform threads, not virtual ones. Hint: Thread.ofPlatform()")
            .noneMatch(Thread::isVirtual);
    }

    @Test
    @DisplayName("all the units are alive at the same time")
    void allUnitsRunAtOnce() throws Exception {
        List<Boolean> met = runner.spawn(20, Probes.meetingOf(20));

        assertThat(met).as("Ex01: 20 units should all be running at once, each on its own thread. "
                + "Hint: start every thread before waiting for any of them")
            .hasSize(20).containsOnly(true);
    }

    @Test
    @DisplayName("the waits really elapse, and overlap")
    void waitsElapseAndOverlap() throws Exception {
        Probes.WaitRun run = Probes.runWaits(runner, 200);

        assertEachWaitElapsed(run, 200, "Ex01");
        assertWaitsOverlap(run, 200, "Ex01", "each unit sleeps on its own thread; start them all before waiting");
        assertThat(new HashSet<>(run.threads())).as("Ex01: each waiting unit should hold its own platform thread. Hint: reuse spawn")
            .hasSize(200);
    }

    @Test
    @DisplayName("the CPU units give the same results as the sequential reference")
    void computeMatchesTheSequentialReference() throws Exception {
        int units = MixingLoop.cpuUnits();

        assertThat(runner.compute(units, Probes.mixWork()))
            .as("Ex01: compute should return MixingLoop.mix(id, rounds) for every id, in order. Hint: compute runs like spawn")
            .containsExactlyElementsOf(Probes.sequentialMix(units));
    }
}
