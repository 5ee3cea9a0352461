package course.benchmarks.harness;

import java.util.List;

/**
 * Cold starts of one scenario for one runner ({@link ColdStart}), in milliseconds: the first call
 * in each fresh JVM, and the median of each JVM's first five calls (the published method: five
 * runs in one process, no warm-up). {@code problem} is set when the runs failed.
 */
public record ColdResult(String scenario, String runner, List<Double> firstCalls, List<Double> fiveCallMedians,
                         String problem) {

    Stats first() {
        return Stats.of(firstCalls);
    }

    Stats publishedMethod() {
        return Stats.of(fiveCallMedians);
    }

    boolean measured() {
        return problem == null && !firstCalls.isEmpty();
    }
}
