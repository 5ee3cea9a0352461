package course.benchmarks.support;

import static org.assertj.core.api.Assertions.assertThat;

import course.benchmarks.MixingLoop;
import course.benchmarks.ScenarioRunner;
import io.vertx.core.Context;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;
import java.util.stream.IntStream;

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
     * unit arrives at a latch and waits for the others, until 3 s after this work was made.
     * Units run one after another never meet: they return false, quickly.
     */
    public static IntFunction<Boolean> meetingOf(int parties) {
        CountDownLatch arrived = new CountDownLatch(parties);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(3);
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

    public static WaitRun runWaits(ScenarioRunner runner, int units) throws Exception {
        long start = System.nanoTime();
        List<Woke> woke = runner.waitThen(units, PAUSE,
            id -> new Woke(id, System.nanoTime(), Thread.currentThread(), Context.isOnEventLoopThread()));
        return new WaitRun(start, System.nanoTime(), woke);
    }

    /** Every unit is there, in order, and none of them woke before its wait was over. */
    public static void assertEachWaitElapsed(WaitRun run, int units, String exercise) {
        assertThat(run.units()).as(exercise + ": waitThen should return one result per unit, in unit order. "
                + "Hint: collect the units' results in id order")
            .extracting(Woke::id).containsExactlyElementsOf(ids(units));
        long earliest = run.startNanos() + PAUSE.toNanos() - TimeUnit.MILLISECONDS.toNanos(1);
        assertThat(run.units()).as(exercise + ": every unit should wait the whole pause before afterWait runs. "
                + "Hint: wait first, then call afterWait.apply(id)")
            .allSatisfy(woke -> assertThat(woke.atNanos()).isGreaterThanOrEqualTo(earliest));
    }

    /**
     * The waits overlapped: the whole run took far less than the units waiting one after another
     * (a tenth of it: a generous margin for a loaded machine).
     */
    public static void assertWaitsOverlap(WaitRun run, int units, String exercise, String hint) {
        Duration oneAfterAnother = PAUSE.multipliedBy(units);
        assertThat(run.elapsed()).as(exercise + ": " + units + " waits of " + PAUSE.toMillis() + " ms should overlap, "
                + "not take turns (one after another they take " + oneAfterAnother.toMillis() + " ms). Hint: " + hint)
            .isLessThan(oneAfterAnother.dividedBy(10));
    }
}
