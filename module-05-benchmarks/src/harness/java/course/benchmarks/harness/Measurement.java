package course.benchmarks.harness;

/**
 * One benchmark's result, in milliseconds per call: the median call with the 95% confidence
 * interval of that median and the p10-p90 spread ({@link Stats}), over {@code samples} calls.
 * {@code units} is what one call did (units spawned, switches made), for the per-unit column;
 * {@code method} says how it was measured ("warm": JMH after warm-up; "single shot": one call, no
 * warm-up); {@code noise} is what else used the machine while it ran.
 */
public record Measurement(String scenario, String runner, int units, Stats stats, String method, Noise noise) {

    static final String WARM = "warm";
    static final String SINGLE_SHOT = "single shot";

    public double medianMs() {
        return stats.median();
    }

    public long samples() {
        return stats.n();
    }

    public double microsPerUnit() {
        return stats.median() * 1000 / units;
    }

    public boolean singleShot() {
        return method.equals(SINGLE_SHOT);
    }
}
