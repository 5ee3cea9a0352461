package course.benchmarks;

import static course.benchmarks.support.Probes.assertEachWaitElapsed;
import static course.benchmarks.support.Probes.assertWaitsOverlap;
import static org.assertj.core.api.Assertions.assertThat;

import course.benchmarks.support.ComputeCoresCheck;
import course.benchmarks.support.CountingScheduler;
import course.benchmarks.support.Probes;
import io.reactivex.rxjava3.schedulers.Schedulers;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@DisplayName("Ex05 · RxJava on the computation scheduler")
class Ex05_RxJavaRunnerTest {

    /** RxJava names the computation scheduler's threads with this prefix. */
    private static final String COMPUTATION = "RxComputationThreadPool";

    private final ScenarioRunner runner = new Ex05_RxJavaRunner();

    /** Every test gets fresh computation threads: a unit that blocked them forever must not break the next test. */
    @AfterEach
    void freshSchedulers() {
        CountingScheduler.uninstall();
        Schedulers.shutdown(); // interrupts the computation threads, so a blocked unit lets go
        Schedulers.start();
    }

    @Test
    @Tag("contract:values")
    @DisplayName("spawn returns every unit's id, in order")
    void spawnReturnsEveryId() throws Exception {
        assertThat(runner.spawn(1000, id -> id))
            .as("Ex05: spawn(1000, id -> id) should return 0..999 in order. Hint: an operator that subscribes to every unit at once "
                + "but emits in unit order (flatMap emits in the order the units finish)")
            .containsExactlyElementsOf(Probes.ids(1000));
    }

    @Test
    @Tag("contract:values")
    @DisplayName("a unit that finishes first still comes back in its place")
    void resultsKeepUnitOrderWhateverFinishesFirst() throws Exception {
        List<Integer> ids = runner.spawn(2, id -> {
            if (id == 0) {
                ScenarioRunner.blockingSleep(Duration.ofMillis(300)); // unit 1 finishes first
            }
            return id;
        });

        assertThat(ids).as("Ex05: unit 1 finished before unit 0, and the results should still be [0, 1]. Hint: flatMap emits "
                + "in the order the units finish; pick the operator that keeps the order of the source")
            .containsExactly(0, 1);
    }

    @Test
    @Tag("contract:placement")
    @DisplayName("spawned units run on the computation scheduler")
    void spawnRunsOnComputationThreads() throws Exception {
        assertThat(runner.spawn(100, id -> Thread.currentThread().getName()))
            .as("Ex05: each unit should run on a computation thread (Schedulers.computation()), not on the caller's thread")
            .allMatch(name -> name.startsWith(COMPUTATION));
    }

    @Test
    @Tag("contract:placement")
    @Tag("contract:concurrency")
    @DisplayName("waits are timers: they overlap, and the rest of each unit runs on a computation thread")
    void waitsAreTimers() throws Exception {
        // Waits of 100 ms: the run's set-up (a loaded machine can stall it for a second) stays small beside them, and
        // waits that take turns in k lanes still need 200 / k of them.
        Probes.WaitRun run = Probes.runWaits(runner, 200, Probes.TIMED_PAUSE, "Ex05");

        assertEachWaitElapsed(run, 200, Probes.TIMED_PAUSE, "Ex05");
        assertThat(run.threads()).as("Ex05: afterWait should run where the timer fires, on a computation thread")
            .allMatch(thread -> thread.getName().startsWith(COMPUTATION));
        assertWaitsOverlap(run, 200, Probes.TIMED_PAUSE, "Ex05", "a timer holds no thread; a sleep would block one of the few computation threads");
    }

    @Test
    @Tag("contract:placement")
    @DisplayName("every unit waits on its own timer")
    void everyUnitSetsItsOwnTimer() throws Exception {
        CountingScheduler scheduler = CountingScheduler.install();
        Probes.within(Duration.ofSeconds(8), () -> runner.waitThen(200, Probes.PAUSE, id -> id),
            "Ex05: waitThen(200 units, 20 ms each) did not return within 8 s: the waits held the computation threads, or never ended. "
                + "Hint: a unit waits with a timer, which holds no thread");

        assertThat(scheduler.delayed()).as("Ex05: 200 units should each wait on a timer of their own, but %d timer(s) were "
                + "scheduled. One timer that releases every unit measures one wait, not 200. Hint: the timer belongs to each unit",
                scheduler.delayed())
            .isGreaterThanOrEqualTo(200);
    }

    @Test
    @Tag("contract:placement")
    @Tag("contract:concurrency")
    @Timeout(15)
    @DisplayName("while the units wait, the computation threads stay free")
    void waitsLeaveTheComputationThreadsFree() throws Exception {
        int threads = Runtime.getRuntime().availableProcessors(); // the computation scheduler has one thread per core
        int units = 2 * threads;
        Duration pause = Duration.ofSeconds(1);
        CountingScheduler scheduler = CountingScheduler.install();
        AtomicLong firstWake = new AtomicLong(Long.MAX_VALUE);
        CompletableFuture<List<Integer>> call = new CompletableFuture<>();
        Thread.ofPlatform().daemon(true).start(() -> {
            try {
                call.complete(runner.waitThen(units, pause, id -> {
                    firstWake.accumulateAndGet(System.nanoTime(), Math::min);
                    return id;
                }));
            } catch (Throwable e) {
                call.completeExceptionally(e);
            }
        });
        // Once every unit is scheduled (as a timer, or as a task that will block), ask each computation thread for a moment.
        Probes.eventually(Duration.ofSeconds(2), () -> call.isDone() || scheduler.delayed() + scheduler.immediate() >= units);
        if (call.isCompletedExceptionally()) {
            try {
                call.get();
            } catch (ExecutionException e) { // the runner failed (not implemented yet?): its own exception says why
                throw e.getCause() instanceof Exception cause ? cause : e;
            }
        }
        long probesSent = System.nanoTime();
        ConcurrentLinkedQueue<Long> probesRan = new ConcurrentLinkedQueue<>();
        CountDownLatch probes = new CountDownLatch(2 * threads);
        for (int i = 0; i < 2 * threads; i++) {
            Schedulers.computation().scheduleDirect(() -> {
                probesRan.add(System.nanoTime());
                probes.countDown();
            });
        }
        boolean allRan = probes.await(pause.toMillis() + 3000, TimeUnit.MILLISECONDS);

        assertThat(allRan).as("Ex05: while %d units waited %d ms, short tasks on the computation scheduler never got a thread: every "
                + "computation thread was blocked (a sleep or a blockingGet inside a unit holds its thread, and a timer that needs a "
                + "blocked thread to fire never fires). Hint: a unit waits with a timer, never by blocking", units, pause.toMillis())
            .isTrue();
        boolean judgeable = probesSent < firstWake.get(); // probes sent after a unit woke prove nothing either way
        assertThat(judgeable ? probesRan : List.<Long>of()).as("Ex05: while %d units waited %d ms, short tasks on the computation scheduler had to wait for the "
                + "units: the units' waits held the computation threads (there are only %d). Hint: a unit waits with a timer, "
                + "which holds no thread; never sleep or blockingGet on a computation thread", units, pause.toMillis(), threads)
            .allMatch(ranAt -> ranAt < firstWake.get());
        call.get(5, TimeUnit.SECONDS);
    }

    @Test
    @Tag("contract:values")
    @Tag("contract:concurrency")
    @DisplayName("CPU units run in parallel on the computation threads and match the sequential reference")
    void computeRunsInParallelAndMatchesTheReference() throws Exception {
        int parties = Probes.parallelism();
        assertThat(runner.compute(4, Probes.meetingOf(parties)))
            .as("Ex05: " + parties + " CPU units should run at the same time. Hint: subscribe to every unit before the first one ends, "
                + "each on the computation scheduler")
            .containsOnly(true);
        assertThat(runner.compute(8, id -> Thread.currentThread().getName()))
            .as("Ex05: CPU units belong on the computation scheduler (one thread per core), not on io(), which grows a thread "
                + "for every blocked task and lets CPU work oversubscribe the cores")
            .allMatch(name -> name.startsWith(COMPUTATION));

        int units = MixingLoop.cpuUnits();
        assertThat(runner.compute(units, Probes.mixWork()))
            .as("Ex05: compute should return MixingLoop.mix(id, rounds) for every id, in order. Hint: compute runs like spawn")
            .containsExactlyElementsOf(Probes.sequentialMix(units));
    }

    @Test
    @Tag("contract:errors")
    @Timeout(value = 30, unit = TimeUnit.SECONDS) // three scenarios, each given 8 s
    @DisplayName("a unit that throws makes the call throw, in every scenario")
    void aFailingUnitFailsTheCall() throws Exception {
        Probes.assertEveryScenarioFailsWithItsUnit("Ex05", runner,
            "let the error flow down the stream: blockingGet() rethrows it (no onErrorComplete, no onErrorReturn)");
    }

    @Test
    @Tag("contract:cores")
    @Tag("contract:concurrency")
    @Timeout(value = 40, unit = TimeUnit.SECONDS) // a second JVM starts: seconds on a busy machine
    @DisplayName("on a machine with 3 cores (a second JVM), 3 CPU units that never yield all run at once")
    void computeUsesEveryCoreOnAnyMachine() throws Exception {
        int cores = 3; // not this machine's count, not a power of two: a model sized by hand for one machine shows
        ComputeCoresCheck.assertAllMeetOnCores("Ex05", Ex05_RxJavaRunner.class, cores,
            "the CPU units run on fewer threads than the machine has cores (a pool or scheduler sized by hand). Hint: Schedulers.computation() has one thread per core, whatever the machine");
    }
}
