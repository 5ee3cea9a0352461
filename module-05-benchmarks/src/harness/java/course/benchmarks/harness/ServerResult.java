package course.benchmarks.harness;

/**
 * One model of the HTTP service under one load: {@code connections} users in a closed loop for
 * {@code seconds} (after a warm-up). Latencies in milliseconds, from HdrHistogram; CPU in cores'
 * worth (1.0 = one core busy the whole window) for the server's JVM, the generator's JVM and
 * everything else on the machine. {@code requested} differs from {@code connections} when the
 * OS's limits capped the load ({@link ServerScenario.Outcome#capReason()} says which).
 * {@code busiestThread}: the server's thread that used the most CPU in the window, and how much
 * of one core ({@link BusiestThread#UNKNOWN} where the OS does not tell). {@code dispatcherWaits}: for
 * the JDK server, the share of the level its one dispatcher thread spent waiting for locks (NaN
 * when not measured: Vert.x, or no answer from the server's JVM). {@code generatorThread}: the share
 * of one core the generator's one event loop thread used (NaN where the JVM cannot tell).
 * {@code arrivalRate}: NaN for the closed loop; for an open-loop row, the requests a second sent on
 * schedule, whose latencies run from the time each was due ({@code requests} are then the answers
 * that arrived in the window).
 */
public record ServerResult(String model, int requested, int connections, double seconds, long requests,
                           double p50Ms, double p90Ms, double p99Ms, double p999Ms, double maxMs, double meanMs,
                           long errors, double serverCores, double generatorCores, double otherCores,
                           BusiestThread busiestThread, double dispatcherWaits, double generatorThread, double arrivalRate) {

    /** This result with {@code share}: the part of the level the JDK server's dispatcher thread waited for locks. */
    public ServerResult withDispatcherWaits(double share) {
        return new ServerResult(model, requested, connections, seconds, requests, p50Ms, p90Ms, p99Ms, p999Ms, maxMs, meanMs,
            errors, serverCores, generatorCores, otherCores, busiestThread, share, generatorThread, arrivalRate);
    }

    /** An open-loop row (requests sent at a fixed rate), not a closed-loop level. */
    public boolean openLoop() {
        return !Double.isNaN(arrivalRate);
    }

    public double requestsPerSecond() {
        return requests / seconds;
    }

    public boolean capped() {
        return connections < requested;
    }
}
