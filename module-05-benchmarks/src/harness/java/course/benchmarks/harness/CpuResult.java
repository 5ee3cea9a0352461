package course.benchmarks.harness;

/**
 * The CPU scenario for one runner ({@link CpuProbe}), in milliseconds: the runner's call, one unit
 * run alone on one thread in the same JVM (the base of the ideal), the ratio call / ideal per
 * round; the CPU time per unit inside the runner's calls and for a unit alone, each added up over
 * every round. {@code ideal} per round is one unit x units / cores: the cores shared perfectly,
 * nothing else running.
 */
public record CpuResult(String runner, int units, int cores, Stats call, Stats sequential, Stats ofIdeal, double cpuPerUnitMs,
                        double aloneCpuMs, Noise noise) {

    double idealMs() {
        return sequential.median() * units / cores;
    }

    /** How much more CPU time a unit took inside the runner's call than alone: the cores slowing each other down. */
    double cpuInflation() {
        return cpuPerUnitMs / aloneCpuMs;
    }

    /** The share of the cores' time the call kept busy: CPU used / (wall time x cores). */
    double utilisation() {
        return cpuPerUnitMs * units / (call.median() * cores);
    }
}
