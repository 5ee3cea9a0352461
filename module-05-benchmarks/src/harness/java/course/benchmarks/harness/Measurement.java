package course.benchmarks.harness;

/**
 * One benchmark's result, in milliseconds per call: the median call, the mean and JMH's error
 * (half-width of its 99.9% confidence interval of the mean), over {@code samples} calls.
 * {@code units} is what one call did (units spawned, switches made), for the per-unit column.
 */
public record Measurement(String scenario, String runner, int units,
                          double medianMs, double meanMs, double errorMs, long samples) {

    public double microsPerUnit() {
        return medianMs * 1000 / units;
    }
}
