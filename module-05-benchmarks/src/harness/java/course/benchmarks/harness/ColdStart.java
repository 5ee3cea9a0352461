package course.benchmarks.harness;

import course.benchmarks.ScenarioRunner;
import java.time.Duration;

/**
 * A cold start: in a fresh JVM, make the runner (not timed, like the published benchmark builds its
 * tokio runtime first), then time its first five calls of one scenario, with no warm-up at all.
 * Prints {@code CALL <i> <nanos>} for each. The suite runs it in 5 fresh JVMs per runner and
 * scenario: "cold" is the median of the 5 first calls; the median of each JVM's 5 calls is the
 * published method (5 runs in one process, no warm-up).
 *
 * <p>{@code ColdStart <runner> <spawn|wait>}
 */
public final class ColdStart {

    static final int CALLS = 5;

    private ColdStart() {
    }

    public static void main(String[] args) throws Exception {
        String scenario = args[1];
        try (ScenarioRunner runner = Runners.byKey(args[0]).create()) {
            Duration pause = Duration.ofMillis(BenchmarkSuite.WAIT_MILLIS);
            for (int call = 1; call <= CALLS; call++) {
                long start = System.nanoTime();
                int units = switch (scenario) {
                    case "spawn" -> runner.spawn(BenchmarkSuite.UNITS, id -> id).size();
                    case "wait" -> runner.waitThen(BenchmarkSuite.UNITS, pause, id -> id).size();
                    default -> throw new IllegalArgumentException("unknown scenario " + scenario);
                };
                long took = System.nanoTime() - start;
                if (units != BenchmarkSuite.UNITS) {
                    throw new IllegalStateException(scenario + " returned " + units + " results instead of " + BenchmarkSuite.UNITS);
                }
                System.out.println("CALL " + call + " " + took);
            }
        }
        System.out.flush();
        Runtime.getRuntime().halt(0); // a runner that leaks threads must not keep this JVM alive
    }
}
