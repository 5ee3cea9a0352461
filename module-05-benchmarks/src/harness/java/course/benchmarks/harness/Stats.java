package course.benchmarks.harness;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.openjdk.jmh.util.Statistics;

/**
 * The figures the report gives for a set of timed calls: the median, an interval that belongs to
 * the median, and the spread.
 *
 * <p>The interval is the distribution-free 95% confidence interval of the median from order
 * statistics: with n calls sorted, the calls ranked n/2 ± 1.96·√n/2. It needs no assumption about
 * the shape of the distribution (call times are skewed: a GC pause or a busy core only ever makes
 * a call slower), unlike the mean's t-interval JMH prints. Calls within one JVM are not fully
 * independent (JIT, GC, the machine's load drift), so treat the interval as a lower bound on the
 * real uncertainty; several forks (full mode) pool calls from several JVMs.
 */
record Stats(double median, double low, double high, double p10, double p90, long n) {

    static final Stats NONE = new Stats(Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, 0);

    static Stats of(Statistics jmh) {
        List<double[]> histogram = new ArrayList<>(); // value, count
        Iterator<Map.Entry<Double, Long>> raw = jmh.getRawData();
        while (raw.hasNext()) {
            Map.Entry<Double, Long> entry = raw.next();
            histogram.add(new double[] {entry.getKey(), entry.getValue()});
        }
        return ofHistogram(histogram);
    }

    static Stats of(List<Double> values) {
        List<double[]> histogram = new ArrayList<>();
        values.forEach(value -> histogram.add(new double[] {value, 1}));
        return ofHistogram(histogram);
    }

    private static Stats ofHistogram(List<double[]> histogram) {
        histogram.sort((a, b) -> Double.compare(a[0], b[0]));
        long n = 0;
        for (double[] bucket : histogram) {
            n += (long) bucket[1];
        }
        if (n == 0) {
            return NONE;
        }
        double half = 1.96 * Math.sqrt(n) / 2;
        long lowRank = Math.max(1, (long) Math.floor(n / 2.0 - half));        // 1-based ranks
        long highRank = Math.min(n, (long) Math.ceil(n / 2.0 + 1 + half));
        return new Stats(quantile(histogram, n, 0.5), ranked(histogram, lowRank), ranked(histogram, highRank),
            quantile(histogram, n, 0.1), quantile(histogram, n, 0.9), n);
    }

    /** The value of rank {@code rank} (1-based) in the sorted calls. */
    private static double ranked(List<double[]> histogram, long rank) {
        long seen = 0;
        for (double[] bucket : histogram) {
            seen += (long) bucket[1];
            if (seen >= rank) {
                return bucket[0];
            }
        }
        return histogram.getLast()[0];
    }

    /** The p-quantile, interpolated between the two nearest ranks (the median of an even n is the mean of the middle two). */
    private static double quantile(List<double[]> histogram, long n, double p) {
        double position = p * (n - 1) + 1; // 1-based, fractional
        long below = (long) Math.floor(position);
        double fraction = position - below;
        double low = ranked(histogram, below);
        double high = ranked(histogram, Math.min(n, below + 1));
        return low + fraction * (high - low);
    }

    /** Half the interval's width relative to the median, e.g. 0.012 for ± 1.2%. */
    double relativeHalfWidth() {
        return (high - low) / 2 / median;
    }

    Stats scaled(double factor) {
        return new Stats(median * factor, low * factor, high * factor, p10 * factor, p90 * factor, n);
    }
}
