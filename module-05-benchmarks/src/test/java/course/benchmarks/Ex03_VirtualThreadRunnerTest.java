package course.benchmarks;

import static course.benchmarks.support.Probes.assertEachWaitElapsed;
import static course.benchmarks.support.Probes.assertWaitsOverlap;
import static org.assertj.core.api.Assertions.assertThat;

import course.benchmarks.support.ComputeCoresCheck;
import course.benchmarks.support.Probes;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@DisplayName("Ex03 · One virtual thread per unit")
class Ex03_VirtualThreadRunnerTest {

    private final ScenarioRunner runner = new Ex03_VirtualThreadRunner();

    @AfterEach
    void close() {
        runner.close();
    }

    @Test
    @Tag("contract:values")
    @DisplayName("spawn returns every unit's id, in order")
    void spawnReturnsEveryId() throws Exception {
        assertThat(runner.spawn(1000, id -> id))
            .as("Ex03: spawn(1000, id -> id) should return 0..999 in order. Hint: collect the results in the order you submitted the units")
            .containsExactlyElementsOf(Probes.ids(1000));
    }

    @Test
    @Tag("contract:placement")
    @DisplayName("each unit runs on its own virtual thread")
    void eachUnitHasItsOwnVirtualThread() throws Exception {
        List<Thread> threads = runner.spawn(100, id -> Thread.currentThread());

        assertThat(threads).as("Ex03: every unit should run on a virtual thread, not a platform one")
            .allMatch(Thread::isVirtual);
        assertThat(new HashSet<>(threads)).as("Ex03: 100 units should get 100 virtual threads, one each. Hint: one virtual thread per unit")
            .hasSize(100);
    }

    @Test
    @Tag("contract:state")
    @DisplayName("a virtual thread is never reused: every call's units get new ones")
    void virtualThreadsAreNeverPooled() throws Exception {
        Set<Thread> first = new HashSet<>(runner.spawn(100, id -> Thread.currentThread()));
        Set<Thread> second = new HashSet<>(runner.spawn(100, id -> Thread.currentThread()));

        assertThat(second).as("Ex03: the second call ran units on virtual threads of the first: they were pooled. A virtual thread "
                + "costs about as much as a task, so it is made for one unit and thrown away; pooling only caps how many run at once. "
                + "Hint: a new virtual thread per unit, no fixed pool")
            .doesNotContainAnyElementsOf(first);
    }

    @Test
    @Tag("contract:concurrency")
    @DisplayName("10,000 units are alive at once: nothing caps them")
    void tenThousandUnitsRunAtOnce() throws Exception {
        List<Boolean> met = Probes.within(Duration.ofSeconds(8), () -> runner.spawn(10_000, Probes.meetingOf(10_000)),
            "Ex03: spawn(10,000 units that wait for each other) did not return within 8 s: the units ran one after another, "
                + "or a few at a time. Hint: submit every unit before waiting for any, and do not cap them");

        long together = met.stream().filter(Boolean::booleanValue).count();
        assertThat(together).as("Ex03: 10,000 units should all be alive at once, each parked on its own virtual thread, "
                + "but %d of them met. Hint: do not cap the units with a pool; submit them all before waiting for any", together)
            .isEqualTo(10_000);
    }

    @Test
    @Tag("contract:values")
    @Tag("contract:concurrency")
    @Timeout(value = 20, unit = TimeUnit.SECONDS) // the run is given 12 s
    @DisplayName("1,000 waits overlap, each on a parked virtual thread: all 1,000 units, each past its wait, are there at once")
    void waitsElapseAndOverlap() throws Exception {
        // Overlap proven by a latch, not a clock: after its wait each unit waits for all the others.
        Probes.MeetingRun meeting = Probes.runWaitsThatMeet(runner, 1000, Probes.TIMED_PAUSE, "Ex03");
        Probes.WaitRun run = meeting.run();

        assertEachWaitElapsed(run, 1000, Probes.TIMED_PAUSE, "Ex03");
        Probes.assertAllMet(meeting, 1000, Probes.TIMED_PAUSE, "Ex03",
            "submit every unit before waiting for any, and do not cap them; each one waits on its own virtual thread");
        assertWaitsOverlap(run, 1000, Probes.TIMED_PAUSE, "Ex03", "submit every unit before waiting for any; each one waits on its own virtual thread");
        assertThat(run.threads()).as("Ex03: the units should wait on virtual threads. Hint: waitThen can reuse spawn").allMatch(Thread::isVirtual);
    }

    @Test
    @Tag("contract:placement")
    @DisplayName("each unit waits on its own virtual thread: all 1,000 exist while they wait")
    void eachUnitWaitsOnItsOwnVirtualThread() throws Exception {
        long there = Probes.unitsThereDuringTheWait(runner, 1000, Duration.ofSeconds(2), "Ex03");

        assertThat(there).as("Ex03: halfway through a 2 s wait, all 1,000 units should already be there, each waiting on its "
                + "own thread, but %d were: the others were only started once the waiting was over. One wait before the units "
                + "start measures one wait, not 1,000. Hint: the wait belongs inside each unit", there)
            .isEqualTo(1000);
    }

    @Test
    @Tag("contract:values")
    @Tag("contract:concurrency")
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

    @Test
    @Tag("contract:errors")
    @Timeout(value = 30, unit = TimeUnit.SECONDS) // three scenarios, each given 8 s
    @DisplayName("a unit that throws makes the call throw, in every scenario")
    void aFailingUnitFailsTheCall() throws Exception {
        Probes.assertEveryScenarioFailsWithItsUnit("Ex03", runner,
            "get() on each unit's Future rethrows its failure: let it reach the caller");
    }

    @Test
    @Tag("contract:cores")
    @Tag("contract:concurrency")
    @Timeout(value = 40, unit = TimeUnit.SECONDS) // a second JVM starts: seconds on a busy machine
    @DisplayName("on a machine with 3 cores (a second JVM), 3 CPU units that never yield all run at once")
    void computeUsesEveryCoreOnAnyMachine() throws Exception {
        int cores = 3; // not this machine's count, not a power of two: a model sized by hand for one machine shows
        ComputeCoresCheck.assertAllMeetOnCores("Ex03", Ex03_VirtualThreadRunner.class, cores,
            "the virtual threads have fewer carriers than the machine has cores (a scheduler pinned to a count that fits one machine: jdk.virtualThreadScheduler.parallelism). Hint: leave the JDK's scheduler alone: it has one carrier per core");
    }
}
