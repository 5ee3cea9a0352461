package course.benchmarks;

import static course.benchmarks.support.Probes.assertEachWaitElapsed;
import static course.benchmarks.support.Probes.assertWaitsOverlap;
import static org.assertj.core.api.Assertions.assertThat;

import course.benchmarks.support.Probes;
import java.util.HashSet;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Ex03 · One virtual thread per unit")
class Ex03_VirtualThreadRunnerTest {

    private final ScenarioRunner runner = new Ex03_VirtualThreadRunner();

    @Test
    @DisplayName("spawn returns every unit's id, in order")
    void spawnReturnsEveryId() throws Exception {
        assertThat(runner.spawn(1000, id -> id))
            .as("Ex03: spawn(1000, id -> id) should return 0..999 in order. Hint: get() the futures in the order you submitted them")
            .containsExactlyElementsOf(Probes.ids(1000));
    }

    @Test
    @DisplayName("each unit runs on its own virtual thread")
    void eachUnitHasItsOwnVirtualThread() throws Exception {
        List<Thread> threads = runner.spawn(100, id -> Thread.currentThread());

        assertThat(threads).as("Ex03: every unit should run on a virtual thread. Hint: Executors.newVirtualThreadPerTaskExecutor()")
            .allMatch(Thread::isVirtual);
        assertThat(new HashSet<>(threads)).as("Ex03: 100 units should get 100 virtual threads, one each. Hint: submit one task per unit")
            .hasSize(100);
    }

    @Test
    @DisplayName("1,000 waits overlap, each on a parked virtual thread")
    void waitsElapseAndOverlap() throws Exception {
        Probes.WaitRun run = Probes.runWaits(runner, 1000);

        assertEachWaitElapsed(run, 1000, "Ex03");
        assertWaitsOverlap(run, 1000, "Ex03", "submit every unit before waiting for any; each one sleeps on its own virtual thread");
        assertThat(run.threads()).as("Ex03: the units should wait on virtual threads. Hint: reuse spawn").allMatch(Thread::isVirtual);
    }

    @Test
    @DisplayName("the CPU units run in parallel and match the sequential reference")
    void computeRunsInParallelAndMatchesTheReference() throws Exception {
        int parties = Probes.parallelism();
        assertThat(runner.compute(4, Probes.meetingOf(parties)))
            .as("Ex03: " + parties + " CPU units should run at the same time on the carriers. Hint: submit them all, then wait")
            .containsOnly(true);

        int units = MixingLoop.cpuUnits();
        assertThat(runner.compute(units, Probes.mixWork()))
            .as("Ex03: compute should return MixingLoop.mix(id, rounds) for every id, in order. Hint: compute runs like spawn")
            .containsExactlyElementsOf(Probes.sequentialMix(units));
    }
}
