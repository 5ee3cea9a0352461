package course.benchmarks.harness;

import course.benchmarks.MixingLoop;
import course.benchmarks.ScenarioRunner;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.List;
import java.util.stream.IntStream;

/**
 * The CPU scenario for one runner, in a JVM of its own. JMH would time the runner and the
 * sequential unit (the base of the ideal) in different JVMs, minutes apart, under whatever load
 * the machine had each time; here they alternate in the same JVM, call after call, so both see
 * the same JIT code, heap and machine, and their ratio is precise even when the load drifts.
 *
 * <p>After a warm-up (every unit once on this thread, which is also the expected answer, then two
 * runner calls), each round times one unit on this thread and one call of the runner (units x
 * rounds), in alternating order, with the process CPU time the runner's call used and this
 * thread's CPU time for the unit alone. Prints
 * {@code ROUND <unit alone ns> <runner call ns> <call's process CPU ns> <unit alone's CPU ns>} per round.
 * (The process CPU clock ticks in 10 ms steps on Linux: the suite adds it up over all rounds.)
 *
 * <p>{@code CpuProbe <runner> <units> <rounds per unit> <rounds> [<most rounds>]}: with a larger
 * {@code most rounds}, it goes on past {@code rounds} until the 95% interval of the ratio call / ideal
 * is within ± 2% (the precision a CPU target needs), or {@code most rounds} are done.
 */
public final class CpuProbe {

    /** The interval's half-width, relative to the median, at which extra rounds stop. */
    static final double PRECISION = 0.02;

    /** Keeps the sequential unit's result alive, so the JIT cannot drop the work. */
    static volatile long sink;

    private CpuProbe() {
    }

    public static void main(String[] args) throws Exception {
        String runnerKey = args[0];
        int units = Integer.parseInt(args[1]);
        long mixRounds = Long.parseLong(args[2]);
        int rounds = Integer.parseInt(args[3]);
        int mostRounds = args.length > 4 ? Math.max(rounds, Integer.parseInt(args[4])) : rounds;
        List<Double> ofIdeal = new java.util.ArrayList<>();
        com.sun.management.OperatingSystemMXBean os =
            (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

        // Every unit once on this thread: the expected answer, and the first warm-up of the loop.
        List<Long> expected = IntStream.range(0, units).mapToObj(id -> MixingLoop.mix(id, mixRounds)).toList();
        try (ScenarioRunner runner = Runners.byKey(runnerKey).create()) {
            for (int warm = 0; warm < 2; warm++) {
                check(runner.compute(units, id -> MixingLoop.mix(id, mixRounds)), expected);
            }
            for (int round = 0; round < mostRounds; round++) {
                if (round >= rounds && Stats.of(ofIdeal).relativeHalfWidth() <= PRECISION) {
                    break;
                }
                boolean sequentialFirst = round % 2 == 0; // alternate, so a drifting load touches both alike
                long[] sequential = sequentialFirst ? oneUnit(round, mixRounds) : null;
                long cpuBefore = os.getProcessCpuTime();
                long start = System.nanoTime();
                List<Long> results = runner.compute(units, id -> MixingLoop.mix(id, mixRounds));
                long parallel = System.nanoTime() - start;
                long cpu = os.getProcessCpuTime() - cpuBefore;
                check(results, expected);
                if (!sequentialFirst) {
                    sequential = oneUnit(round, mixRounds);
                }
                System.out.println("ROUND " + sequential[0] + " " + parallel + " " + cpu + " " + sequential[1]);
                ofIdeal.add(parallel / (sequential[0] * (double) units / Machine.cores())); // as the suite computes it
            }
        }
        System.out.flush();
        Runtime.getRuntime().halt(0);
    }

    /** One unit on this thread: its wall time and this thread's CPU time, in ns. */
    private static long[] oneUnit(int id, long mixRounds) {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long cpu = threads.getCurrentThreadCpuTime();
        long start = System.nanoTime();
        sink ^= MixingLoop.mix(id, mixRounds);
        return new long[] {System.nanoTime() - start, threads.getCurrentThreadCpuTime() - cpu};
    }

    private static void check(List<Long> results, List<Long> expected) {
        if (!results.equals(expected)) {
            throw new IllegalStateException("compute returned wrong results: " + results + " instead of " + expected);
        }
    }
}
