package course.benchmarks.support;

import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.function.ThrowingSupplier;

import static org.assertj.core.api.Assertions.assertThat;

import course.benchmarks.MixingLoop;
import course.benchmarks.ScenarioRunner;
import io.vertx.core.Context;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.IntFunction;
import java.util.stream.IntStream;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;

/**
 * What the runner tests share: work that reports where and when a unit ran, and the checks that
 * read it. The tests check what a model does (threads used, waits that overlap, units that meet),
 * never how fast it is: timing is the benchmark's job.
 */
public final class Probes {

    /** A short wait for the wait scenario: long enough to tell overlapping waits from sequential ones. */
    public static final Duration PAUSE = Duration.ofMillis(20);

    /** Mixing rounds per CPU unit in tests: a few milliseconds, not the benchmark's 20,000,000. */
    public static final long TEST_ROUNDS = 200_000;

    private Probes() {
    }

    public static List<Integer> ids(int units) {
        return IntStream.range(0, units).boxed().toList();
    }

    /** The CPU scenario's answer computed on the caller's thread, one unit after another. */
    public static List<Long> sequentialMix(int units) {
        return IntStream.range(0, units).mapToObj(id -> MixingLoop.mix(id, TEST_ROUNDS)).toList();
    }

    public static IntFunction<Long> mixWork() {
        return id -> MixingLoop.mix(id, TEST_ROUNDS);
    }

    /** How many units can meet: two, or one on a single-core machine. */
    public static int parallelism() {
        return Math.min(2, Runtime.getRuntime().availableProcessors());
    }

    /**
     * Work that returns true only if {@code parties} units were running at the same moment: each
     * unit arrives at a latch and waits for the others, until 5 s after this work was made (a
     * loaded machine may take seconds to start a thread). Units run one after another never meet:
     * they return false once the 5 s are over.
     */
    public static IntFunction<Boolean> meetingOf(int parties) {
        return meetingOf(parties, Duration.ofSeconds(5));
    }

    /** Like {@link #meetingOf(int)}, with the patience given (counted from now). */
    public static IntFunction<Boolean> meetingOf(int parties, Duration patience) {
        CountDownLatch arrived = new CountDownLatch(parties);
        long deadline = System.nanoTime() + patience.toNanos();
        return id -> {
            arrived.countDown();
            try {
                return arrived.await(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        };
    }

    /** What a unit saw when its wait ended. */
    public record Woke(int id, long atNanos, Thread thread, boolean onEventLoop) {
    }

    /** One run of the wait scenario: when it started and ended, and what each unit saw. */
    public record WaitRun(long startNanos, long endNanos, List<Woke> units) {

        public Duration elapsed() {
            return Duration.ofNanos(endNanos - startNanos);
        }

        public List<Thread> threads() {
            return units.stream().map(Woke::thread).toList();
        }
    }

    /**
     * The pause of the wait scenario when the test times the whole run ({@link #assertWaitsOverlap}): long
     * beside what setting up the units costs on a loaded machine (starting 200 platform threads at one core
     * under a load of 30 took over a second), so the ratio to "one after another" depends on the waits,
     * not on the set-up. A runner whose units take turns in k lanes needs units / k pauses, whatever the pause.
     */
    public static final Duration TIMED_PAUSE = Duration.ofMillis(100);

    /** Runs the wait scenario; a run that takes more than 8 s fails with a message that names the exercise. */
    public static WaitRun runWaits(ScenarioRunner runner, int units, String exercise) throws Exception {
        return runWaits(runner, units, PAUSE, exercise);
    }

    /** Like {@link #runWaits(ScenarioRunner, int, String)}, each unit waiting {@code pause}. */
    public static WaitRun runWaits(ScenarioRunner runner, int units, Duration pause, String exercise) throws Exception {
        long start = System.nanoTime();
        List<Woke> woke = within(Duration.ofSeconds(8), () -> runner.waitThen(units, pause,
                id -> new Woke(id, System.nanoTime(), Thread.currentThread(), Context.isOnEventLoopThread())),
            exercise + ": waitThen(" + units + " units, " + pause.toMillis() + " ms each) did not return within 8 s, where "
                + "overlapping waits take about " + pause.toMillis() + " ms: the waits took turns (or never ended). Hint: every "
                + "unit must be waiting at the same time as the others");
        return new WaitRun(start, System.nanoTime(), woke);
    }

    /** A run of the wait scenario whose units, once their wait was over, waited for each other: how many met. */
    public record MeetingRun(WaitRun run, long met) {
    }

    /**
     * The wait scenario for the models whose units may block (a thread each): each unit, once its wait of
     * {@code pause} is over, notes when it woke and then waits for all the others to have woken too (up to
     * 8 s after the call). Only units that were all there at once, each having waited, meet: a runner whose
     * units take turns, or run a few at a time (a bounded pool, a join inside the loop), never meets, however
     * loaded the machine. A run that takes more than 12 s fails with a message that names the exercise (the
     * test needs a time limit above that).
     */
    public static MeetingRun runWaitsThatMeet(ScenarioRunner runner, int units, Duration pause, String exercise) throws Exception {
        IntFunction<Boolean> meeting = meetingOf(units, Duration.ofSeconds(8));
        java.util.concurrent.atomic.AtomicLong met = new java.util.concurrent.atomic.AtomicLong();
        long start = System.nanoTime();
        List<Woke> woke = within(Duration.ofSeconds(12), () -> runner.waitThen(units, pause, id -> {
                Woke now = new Woke(id, System.nanoTime(), Thread.currentThread(), Context.isOnEventLoopThread());
                if (meeting.apply(id)) {
                    met.incrementAndGet();
                }
                return now;
            }),
            exercise + ": waitThen(" + units + " units, " + pause.toMillis() + " ms each, then waiting for each other) did not "
                + "return within 12 s, where overlapping waits take about " + pause.toMillis() + " ms: the waits took turns "
                + "(or never ended). Hint: every unit must be waiting at the same time as the others");
        return new MeetingRun(new WaitRun(start, System.nanoTime(), woke), met.get());
    }

    /**
     * Every unit of a {@link #runWaitsThatMeet} run met the others: {@code units} units, each past its own wait,
     * were all alive at the same moment. Proven by a latch, not by a clock.
     */
    public static void assertAllMet(MeetingRun meeting, int units, Duration pause, String exercise, String hint) {
        assertThat(meeting.met()).as("%s: %d units that each waited %d ms and then waited for all the others should all have met "
                + "(every unit waiting at the same time as the others), but %d did: the units took turns, or ran a few at a time. "
                + "Hint: %s", exercise, units, pause.toMillis(), meeting.met(), hint)
            .isEqualTo(units);
    }

    /**
     * {@code call}'s result, or a failure with {@code message} if it takes longer than {@code limit}: JUnit's
     * assertTimeoutPreemptively, which runs it on a helper thread and interrupts that thread at the limit, so a
     * unit stuck in a sleep lets go. A slow wrong answer fails with a message that says why, not a bare timeout.
     */
    public static <T> T within(Duration limit, ThrowingSupplier<T> call, String message) {
        return Assertions.assertTimeoutPreemptively(limit, call, message);
    }

    /** Like {@link #within(Duration, ThrowingSupplier, String)}, with a message made when the limit is reached (it may count what happened). */
    public static <T> T within(Duration limit, ThrowingSupplier<T> call, java.util.function.Supplier<String> message) {
        return Assertions.assertTimeoutPreemptively(limit, call, message);
    }

    /** Whether {@code condition} became true within {@code limit} (polled with Awaitility); false instead of an exception. */
    public static boolean eventually(Duration limit, java.util.function.BooleanSupplier condition) {
        try {
            Awaitility.await().atMost(limit).pollInterval(Duration.ofMillis(20)).until(condition::getAsBoolean);
            return true;
        } catch (ConditionTimeoutException e) {
            return false;
        }
    }

    /**
     * Work whose unit {@code failing} throws {@code failure} and whose other units return their id.
     */
    public static IntFunction<Integer> failingAt(int failing, RuntimeException failure) {
        return id -> {
            if (id == failing) {
                throw failure;
            }
            return id;
        };
    }

    /**
     * A unit's failure reaches the caller: {@code call} (a scenario whose unit throws {@code failure})
     * must throw, within 8 s, an exception that is {@code failure} or has it as a cause. A runner
     * that returns (a null in the list, a shorter list, onErrorComplete) swallowed it; one that does
     * not return lost it on a thread nobody listens to.
     */
    public static void assertAFailingUnitFailsTheCall(String exercise, String scenario, Callable<?> call, RuntimeException failure,
                                                      String hint) throws Exception {
        Object outcome = within(Duration.ofSeconds(8), () -> {
            try {
                return call.call();
            } catch (Throwable thrown) {
                return thrown;
            }
        }, exercise + ": " + scenario + " with a unit that throws did not return within 8 s: the unit's failure was lost on "
            + "a thread or task nobody listens to, and the caller waits for a result that never comes. Hint: " + hint);
        assertThat(outcome)
            .as("%s: %s with a unit that throws returned %s instead of throwing: the failure was swallowed (a null, a shorter "
                + "list, an error turned into completion), so a benchmark would time work that never happened. Hint: %s",
                exercise, scenario, outcome, hint)
            .isInstanceOf(Throwable.class);
        boolean reached = false;
        for (Throwable cause = (Throwable) outcome; cause != null && !reached; cause = cause.getCause()) {
            reached = cause == failure;
        }
        assertThat(reached)
            .as("%s: %s with a unit that throws \"%s\" threw %s, which does not carry the unit's failure. Hint: %s",
                exercise, scenario, failure.getMessage(), outcome, hint)
            .isTrue();
    }

    /**
     * {@link #assertAFailingUnitFailsTheCall} for each scenario of {@code runner} (spawn, waitThen,
     * compute), its unit 7 throwing: the runners' shared error contract, with each exercise's hint.
     */
    public static void assertEveryScenarioFailsWithItsUnit(String exercise, course.benchmarks.ScenarioRunner runner, String hint)
            throws Exception {
        IllegalStateException failure = new IllegalStateException("unit 7 failed");
        assertAFailingUnitFailsTheCall(exercise, "spawn(20 units)", () -> runner.spawn(20, failingAt(7, failure)), failure, hint);
        assertAFailingUnitFailsTheCall(exercise, "waitThen(20 units)", () -> runner.waitThen(20, PAUSE, failingAt(7, failure)), failure,
            hint);
        assertAFailingUnitFailsTheCall(exercise, "compute(20 units)", () -> runner.compute(20, failingAt(7, failure)), failure, hint);
    }

    /** Every unit is there, in order, and none of them woke before its wait was over. */
    public static void assertEachWaitElapsed(WaitRun run, int units, String exercise) {
        assertEachWaitElapsed(run, units, PAUSE, exercise);
    }

    /** Like {@link #assertEachWaitElapsed(WaitRun, int, String)}, for units that each waited {@code pause}. */
    public static void assertEachWaitElapsed(WaitRun run, int units, Duration pause, String exercise) {
        assertThat(run.units()).as(exercise + ": waitThen should return one result per unit, in unit order. "
                + "Hint: collect the units' results in id order")
            .extracting(Woke::id).containsExactlyElementsOf(ids(units));
        long earliest = run.startNanos() + pause.toNanos() - TimeUnit.MILLISECONDS.toNanos(1);
        assertThat(run.units()).as(exercise + ": every unit should wait the whole pause before afterWait runs. "
                + "Hint: wait first, then call afterWait.apply(id)")
            .allSatisfy(woke -> assertThat(woke.atNanos()).isGreaterThanOrEqualTo(earliest));
    }

    /**
     * The waits overlapped: the whole run took far less than the units waiting one after another
     * (a quarter of it: a generous margin for a loaded machine; waits that take turns can never be
     * faster than one after another).
     */
    public static void assertWaitsOverlap(WaitRun run, int units, String exercise, String hint) {
        assertWaitsOverlap(run, units, PAUSE, exercise, hint);
    }

    /**
     * Like {@link #assertWaitsOverlap(WaitRun, int, String, String)}, for units that each waited {@code pause}
     * ({@link #TIMED_PAUSE} keeps the set-up's share of the run small on a loaded machine).
     */
    public static void assertWaitsOverlap(WaitRun run, int units, Duration pause, String exercise, String hint) {
        Duration oneAfterAnother = pause.multipliedBy(units);
        assertThat(run.elapsed()).as(exercise + ": " + units + " waits of " + pause.toMillis() + " ms should overlap, "
                + "not take turns (one after another they take " + oneAfterAnother.toMillis() + " ms), but took "
                + run.elapsed().toMillis() + " ms. Hint: " + hint)
            .isLessThan(oneAfterAnother.dividedBy(4));
    }

    /**
     * The most threads, made for this call, that were asleep (in a timed wait: {@code Thread.sleep}) at the same moment
     * while {@code waitThen(units, pause, ...)} ran on a helper thread: read from the JDK's own thread states, sampled
     * every 20 ms, so it sees the waits themselves, not when they ended. With a thread per unit all {@code units}
     * are asleep together once the last one has started (a loaded machine has the whole pause to start them); a
     * runner that waits once for everyone and only then starts its units, or whose units never wait, has none of
     * them asleep, however slow or fast the machine. Platform threads only (virtual ones are not in the stack
     * traces). Returns {@code {most asleep at once, milliseconds the call took}}.
     */
    public static long[] unitThreadsAsleepAtOnce(ScenarioRunner runner, int units, Duration pause, String exercise) throws Exception {
        long madeBefore = Thread.ofPlatform().unstarted(() -> { }).threadId(); // ids are handed out in creation order
        CompletableFuture<List<Integer>> call = new CompletableFuture<>();
        long start = System.nanoTime();
        Thread caller = Thread.ofPlatform().daemon(true).name("waitThen-caller").start(() -> {
            try {
                call.complete(runner.waitThen(units, pause, id -> id));
            } catch (Throwable e) {
                call.completeExceptionally(e);
            }
        });
        long most = 0;
        long giveUpAt = start + pause.plusSeconds(5).toNanos();
        while (!call.isDone() && System.nanoTime() < giveUpAt && most < units) {
            long asleep = Thread.getAllStackTraces().keySet().stream()
                .filter(thread -> thread != caller && thread.threadId() > madeBefore)
                .filter(thread -> thread.getState() == Thread.State.TIMED_WAITING) // Thread.sleep, or any other timed wait
                .count();
            most = Math.max(most, asleep);
            Thread.sleep(20);
        }
        Duration left = Duration.ofNanos(Math.max(0, giveUpAt - System.nanoTime())).plusSeconds(1);
        within(left, () -> call.get(),
            exercise + ": waitThen(" + units + " units, " + pause.toMillis() + " ms each) did not return within "
                + pause.plusSeconds(5).toSeconds() + " s: the waits took turns (or never ended). Hint: every unit must be "
                + "waiting at the same time as the others");
        return new long[] {most, TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)};
    }

    /**
     * Which units already existed halfway through their wait: runs {@code waitThen(units, pause, ...)}
     * on a helper thread, and halfway through the pause makes a marker thread. Thread ids are handed
     * out in creation order, so a unit whose thread id is below the marker's was created before
     * that moment: it was there, waiting. A runner that waits once for everyone and only then
     * starts its units has every unit's id above the marker. Returns how many units were there.
     */
    public static long unitsThereDuringTheWait(ScenarioRunner runner, int units, Duration pause, String exercise) throws Exception {
        CompletableFuture<Long> marker = new CompletableFuture<>();
        Thread.ofPlatform().daemon(true).start(() -> {
            try {
                Thread.sleep(pause.dividedBy(2));
                marker.complete(Thread.ofPlatform().unstarted(() -> { }).threadId()); // an id is given when a thread is made
            } catch (InterruptedException e) {
                marker.completeExceptionally(e);
            }
        });
        List<Long> unitThreads = within(pause.plusSeconds(5), () -> runner.waitThen(units, pause, id -> Thread.currentThread().threadId()),
            exercise + ": waitThen(" + units + " units, " + pause.toMillis() + " ms each) did not return within "
                + pause.plusSeconds(5).toSeconds() + " s: the waits took turns (or never ended). Hint: every unit must be "
                + "waiting at the same time as the others");
        long markerId = marker.get();
        return unitThreads.stream().filter(id -> id < markerId).count();
    }
}
