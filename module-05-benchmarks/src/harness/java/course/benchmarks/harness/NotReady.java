package course.benchmarks.harness;

/** A runner's scenario the suite could not measure, because the runner failed its check: why, in a line. */
public record NotReady(String scenario, String runner, String problem) {
}
