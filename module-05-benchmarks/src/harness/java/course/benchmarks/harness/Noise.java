package course.benchmarks.harness;

import java.util.Locale;

/**
 * How busy the machine was with something else while one benchmark ran: the cores that other
 * processes used (the machine's busy time minus this suite's own and its children's), and the
 * cores the hypervisor stole from this VM. Both in cores, averaged over the window: 0 is quiet,
 * {@code cores} is every core taken. NaN when the OS does not tell (no /proc).
 *
 * <p>The figure is measured, never clamped: /proc counts in ticks of 10 ms per core, so over a
 * few seconds it can come out a hundredth or two below zero on an idle machine. The load average
 * is no substitute: it counts this suite's own busy threads too.
 */
public record Noise(double otherCores, double stealCores, double seconds) {

    public static final Noise UNKNOWN = new Noise(Double.NaN, Double.NaN, 0);

    /** Other processes above this many cores make a row "some noise"; above {@link #NOISY}, "noisy". */
    static final double SOME = 0.1;
    static final double NOISY = 0.5;

    public static Noise between(Machine.CpuTicks before, Machine.CpuTicks after) {
        if (!before.known() || !after.known() || after.machineTotal() <= before.machineTotal()) {
            return UNKNOWN;
        }
        double total = after.machineTotal() - before.machineTotal();
        long busy = after.machineBusy() - before.machineBusy();
        long ours = after.ownAndChildren() - before.ownAndChildren();
        long steal = after.steal() - before.steal();
        int cores = Machine.cores();
        return new Noise((busy - ours) / total * cores, steal / total * cores, (after.atNanos() - before.atNanos()) / 1e9);
    }

    public boolean known() {
        return !Double.isNaN(otherCores);
    }

    /** The worst of the two: the cores this benchmark could not have. */
    double takenCores() {
        return known() ? Math.max(0, otherCores) + Math.max(0, stealCores) : Double.NaN;
    }

    String level() {
        if (!known()) {
            return "unknown";
        }
        double taken = takenCores();
        return taken < SOME ? "quiet" : taken < NOISY ? "some noise" : "NOISY";
    }

    /** A short cell for a table: "0.03", "0.31 (!)", "1.20 (!!)", "?". Steal is added when there was any. */
    String cell() {
        if (!known()) {
            return "?";
        }
        String mark = takenCores() >= NOISY ? " (!!)" : takenCores() >= SOME ? " (!)" : "";
        String steal = stealCores >= 0.01 ? String.format(Locale.ROOT, " +%.2f stolen", stealCores) : "";
        return String.format(Locale.ROOT, "%.2f%s%s", otherCores, steal, mark);
    }

    /** The worst row of a run, for the header. */
    static Noise worst(Iterable<Noise> all) {
        Noise worst = null;
        for (Noise noise : all) {
            if (noise.known() && (worst == null || noise.takenCores() > worst.takenCores())) {
                worst = noise;
            }
        }
        return worst == null ? UNKNOWN : worst;
    }
}
