package course.benchmarks;

import static course.benchmarks.support.Probes.assertEachWaitElapsed;
import static course.benchmarks.support.Probes.assertWaitsOverlap;
import static org.assertj.core.api.Assertions.assertThat;

import course.benchmarks.support.Probes;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@DisplayName("Ex01 · One platform thread per unit")
class Ex01_PlatformThreadRunnerTest {

    private final ScenarioRunner runner = new Ex01_PlatformThreadRunner();

    @Test
    @Tag("contract:values")
    @DisplayName("spawn returns every unit's id, in order")
    void spawnReturnsEveryId() throws Exception {
        List<Integer> ids = runner.spawn(1000, id -> id);

        assertThat(ids).as("Ex01: spawn(1000, id -> id) should return 0..999 in order. Hint: collect the results in the order you started the units")
            .containsExactlyElementsOf(Probes.ids(1000));
    }

    @Test
    @Tag("contract:placement")
    @DisplayName("each unit runs on its own platform thread, never the caller's")
    void eachUnitHasItsOwnPlatformThread() throws Exception {
        List<Thread> threads = runner.spawn(50, id -> Thread.currentThread());

        assertThat(threads).as("Ex01: the units ran on the caller's thread: run() calls the code right here, start() makes a new thread run it")
            .doesNotContain(Thread.currentThread());
        assertThat(new HashSet<>(threads)).as("Ex01: 50 units should run on 50 different threads. Hint: one new thread per unit")
            .hasSize(50);
        assertThat(threads).as("Ex01: the units should run on platform threads, not virtual ones (that is Ex03)")
            .noneMatch(Thread::isVirtual);
    }

    @Test
    @Tag("contract:lifecycle")
    @Tag("contract:state")
    @DisplayName("every unit gets a NEW thread, which ends with the unit")
    void everyUnitGetsANewThreadThatEndsWithIt() throws Exception {
        Set<Thread> first = new HashSet<>(runner.spawn(50, id -> Thread.currentThread()));
        Set<Thread> second = new HashSet<>(runner.spawn(50, id -> Thread.currentThread()));

        assertThat(second).as("Ex01: the second call reused threads of the first: that is a pool (Ex02), not a thread per unit. "
                + "Hint: create a new thread for every unit, no executor that keeps its threads")
            .doesNotContainAnyElementsOf(first);
        second.addAll(first);
        boolean ended = Probes.eventually(Duration.ofSeconds(2), () -> second.stream().noneMatch(Thread::isAlive));
        assertThat(ended).as("Ex01: a unit's thread should end when its unit ends, but some were still alive 2 s after spawn "
                + "returned (a pool keeps its threads). Hint: a new thread per unit, nothing that keeps threads")
            .isTrue();
    }

    @Test
    @Tag("contract:concurrency")
    @org.junit.jupiter.api.Timeout(value = 20, unit = java.util.concurrent.TimeUnit.SECONDS)
    @DisplayName("all 500 units are alive at the same time")
    void allUnitsRunAtOnce() throws Exception {
        // 10 s for 500 threads to start: a loaded 2-core machine seen by the JVM as 16 cores once took more than 5 s.
        List<Boolean> met = Probes.within(Duration.ofSeconds(15), () -> runner.spawn(500, Probes.meetingOf(500, Duration.ofSeconds(10))),
            "Ex01: spawn(500 units that wait for each other) did not return within 15 s: the units ran one after another. "
                + "Hint: start every thread before waiting for any of them");

        long together = met.stream().filter(Boolean::booleanValue).count();
        assertThat(together).as("Ex01: 500 units should all be running at once, each on its own thread, but %d of them met. "
                + "Hint: start every thread before waiting for any of them, and do not cap how many run at once", together)
            .isEqualTo(500);
    }

    @Test
    @Tag("contract:values")
    @Tag("contract:concurrency")
    @Timeout(value = 20, unit = TimeUnit.SECONDS) // the run is given 12 s: 200 threads may take seconds to start on a loaded machine
    @DisplayName("the waits really elapse, and overlap: all 200 units, each past its wait, are there at once")
    void waitsElapseAndOverlap() throws Exception {
        // Overlap proven by a latch, not a clock: after its wait each unit waits for all the others. A join inside
        // the loop, or a pool that runs a few at a time, never gets them all there at once, however fast the machine.
        Probes.MeetingRun meeting = Probes.runWaitsThatMeet(runner, 200, Probes.TIMED_PAUSE, "Ex01");
        Probes.WaitRun run = meeting.run();

        assertEachWaitElapsed(run, 200, Probes.TIMED_PAUSE, "Ex01");
        Probes.assertAllMet(meeting, 200, Probes.TIMED_PAUSE, "Ex01",
            "each unit waits on its own thread; start them all before waiting for any, and do not cap how many run at once");
        assertWaitsOverlap(run, 200, Probes.TIMED_PAUSE, "Ex01", "each unit waits on its own thread; start them all before waiting for any");
        assertThat(new HashSet<>(run.threads())).as("Ex01: each waiting unit should hold its own platform thread. Hint: waitThen can reuse spawn")
            .hasSize(200);
    }

    @Test
    @Tag("contract:placement")
    @Tag("contract:values")
    @Timeout(value = 20, unit = TimeUnit.SECONDS) // a 3 s wait, and 5 s more for a loaded machine
    @DisplayName("each unit waits on its own thread: all 100 are asleep at once, and the wait lasts")
    void eachUnitWaitsOnItsOwnThread() throws Exception {
        // 3 s: a busy machine may take a second to start 100 platform threads, and all must be asleep before the first wakes.
        long[] seen = Probes.unitThreadsAsleepAtOnce(runner, 100, Duration.ofSeconds(3), "Ex01");
        long asleep = seen[0];
        long tookMillis = seen[1];

        // A lower bound only: no right answer returns before one 3 s wait has ended (10 ms for the clocks' grain).
        assertThat(tookMillis).as("Ex01: waitThen(100 units, 3000 ms each) was over after %d ms, before a single wait of 3000 ms "
                + "could have ended: the units did not wait, so the benchmark times starting threads. Hint: in each unit, "
                + "ScenarioRunner.blockingSleep(pause) first, then afterWait.apply(id)", tookMillis)
            .isGreaterThanOrEqualTo(2_990);

        assertThat(asleep).as("Ex01: during a 3 s wait, all 100 units should be asleep at the same moment, each on its own "
                + "thread, but at most %d of the threads made for the call were (the JDK's thread states, read every 20 ms): "
                + "the units were started only once the waiting was over, or waited somewhere else. One wait before the units "
                + "start measures one wait, not 100. Hint: the wait belongs inside each unit", asleep)
            .isEqualTo(100);
    }

    @Test
    @Tag("contract:values")
    @DisplayName("the CPU units give the same results as the sequential reference")
    void computeMatchesTheSequentialReference() throws Exception {
        int units = MixingLoop.cpuUnits();

        assertThat(runner.compute(units, Probes.mixWork()))
            .as("Ex01: compute should return MixingLoop.mix(id, rounds) for every id, in order. Hint: compute runs like spawn")
            .containsExactlyElementsOf(Probes.sequentialMix(units));
    }

    @Test
    @Tag("contract:errors")
    @Timeout(value = 30, unit = TimeUnit.SECONDS) // three scenarios, each given 8 s
    @DisplayName("a unit that throws makes the call throw, in every scenario")
    void aFailingUnitFailsTheCall() throws Exception {
        Probes.assertEveryScenarioFailsWithItsUnit("Ex01", runner,
            "get() on each unit's FutureTask rethrows its failure: let it reach the caller");
    }
}
