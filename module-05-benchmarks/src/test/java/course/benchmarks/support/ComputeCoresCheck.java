package course.benchmarks.support;

import course.benchmarks.ScenarioRunner;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Run by a runner's test in a child JVM that sees another number of cores ({@code -XX:ActiveProcessorCount=3}):
 * {@code compute} with as many units as cores, each spinning (never parking, so it holds whatever
 * thread or carrier runs it) until all of them are running at once, or 5 s have passed. A model
 * sized to this machine by hand (two threads, two carriers) shows up there. Prints {@code CORES n}
 * and {@code MET n}, the units that saw all the others running. Argument: the runner's class name.
 */
public final class ComputeCoresCheck {

    private ComputeCoresCheck() {
    }

    public static void main(String[] args) throws Exception {
        int cores = Runtime.getRuntime().availableProcessors();
        System.out.println("CORES " + cores);
        AtomicInteger running = new AtomicInteger();
        long giveUpAt = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        try (ScenarioRunner runner = (ScenarioRunner) Class.forName(args[0]).getConstructor().newInstance()) {
            List<Boolean> met = runner.compute(cores, id -> {
                running.incrementAndGet();
                while (running.get() < cores && System.nanoTime() < giveUpAt) {
                    Thread.onSpinWait(); // CPU work: holds its thread (and a virtual thread's carrier) the whole time
                }
                return running.get() >= cores;
            });
            System.out.println("MET " + met.stream().filter(Boolean::booleanValue).count());
        }
        System.out.flush();
        Runtime.getRuntime().halt(0); // threads the runner never closed must not keep this JVM alive
    }

    /** Runs this check for {@code runner} in a child JVM that sees {@code cores} cores; returns its output lines. */
    public static List<String> inJvmWithCores(Class<? extends ScenarioRunner> runner, int cores) throws Exception {
        String javaBin = java.nio.file.Path.of(System.getProperty("java.home"), "bin", "java").toString();
        // The runner under test first (a course check may load it from a folder of its own), then the rest.
        List<String> classPath = new java.util.ArrayList<>();
        for (Class<?> needed : List.of(runner, ScenarioRunner.class, ComputeCoresCheck.class)) {
            java.security.CodeSource source = needed.getProtectionDomain().getCodeSource();
            if (source != null && source.getLocation() != null) {
                classPath.add(java.nio.file.Path.of(source.getLocation().toURI()).toString());
            }
        }
        classPath.add(System.getProperty("java.class.path"));
        Process child = new ProcessBuilder(javaBin, "-XX:ActiveProcessorCount=" + cores, "-XX:TieredStopAtLevel=1",
            "-cp", String.join(java.io.File.pathSeparator, classPath), ComputeCoresCheck.class.getName(), runner.getName())
            .redirectErrorStream(true)
            .start();
        if (!child.waitFor(25, TimeUnit.SECONDS)) {
            child.destroyForcibly().waitFor();
        }
        return List.of(new String(child.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).split("\\R"));
    }

    /**
     * Runs this check for {@code runner} in a child JVM that sees {@code cores} cores and asserts that all
     * {@code cores} units met; {@code whyAndHint} says what a runner that fails here got wrong.
     */
    public static void assertAllMeetOnCores(String exercise, Class<? extends ScenarioRunner> runner, int cores, String whyAndHint)
            throws Exception {
        List<String> lines = inJvmWithCores(runner, cores);
        org.assertj.core.api.Assertions.assertThat(lines)
            .as("%s: the child JVM (-XX:ActiveProcessorCount=%d) printed %s", exercise, cores, lines).contains("CORES " + cores);
        String met = lines.stream().filter(line -> line.startsWith("MET ")).findFirst().orElse("MET (none)");
        org.assertj.core.api.Assertions.assertThat(met)
            .as("%s: on a machine with %d cores, %d CPU units that never yield should all run at once, but %s of them met: %s",
                exercise, cores, cores, met.substring("MET ".length()), whyAndHint)
            .isEqualTo("MET " + cores);
    }
}
