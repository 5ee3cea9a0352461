package course.tools;

import java.nio.file.Path;
import java.time.Duration;
import java.util.*;
import java.util.concurrent.*;
import java.util.stream.Stream;

/**
 * Every module's tests on the fast engine against the reference code in a JVM told it has 1, 3 or 6 processors ({@code
 * -XX:ActiveProcessorCount}): 1 finds code that needs a second thread to make progress; 3 and 6, not powers of two and above a 2-core CI
 * machine, find code and tests sized by hand for 2. A learner has 4 to 16.
 */
final class CoreCounts {

    static final List<Integer> COUNTS = List.of(1, 3, 6);
    /** Runs at a time, beside the wrong answers' pool: a module's tests mostly wait, so they cost it little. */
    static final int AT_A_TIME = 2;
    /** A run's time limit: a module's whole test suite, slowed by the wrong answers beside it. */
    static final Duration LIMIT = Duration.ofMinutes(10);

    /** One module at one core count: every test's result (none when the run failed), and how long it took. */
    record Run(String module, int cores, List<TestJvm.Result> results, double seconds) {
        List<TestJvm.Result> failures() { return results.stream().filter(r -> r.status() == TestResults.Status.FAILED).toList(); }
        boolean green() { return !results.isEmpty() && failures().isEmpty(); }
    }

    private CoreCounts() {}

    /**
     * Starts the runs of {@code setups}' modules, AT_A_TIME at a time; a module whose solutions or tests do not compile gets none.
     * Compiles here, first, so that the wrong answers started next find the classes compiled.
     */
    static Map<String, List<CompletableFuture<Run>>> start(Path root, Map<String, ModuleSetup> setups) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(AT_A_TIME, Thread.ofPlatform().name("core-counts-", 1).daemon().factory());
        Map<String, List<CompletableFuture<Run>>> out = new LinkedHashMap<>();
        for (ModuleSetup setup : setups.values()) {
            Build build = new Build(root, setup);
            Build.Classes main = build.main(ModuleSetup.Tree.SOLUTIONS);
            Build.Classes tests = main.ok() ? build.tests(main, ModuleSetup.Tree.SOLUTIONS) : main;
            List<String> classes = Exercises.of(root, setup.module()).stream().map(Exercises.Exercise::testClass).toList();
            out.put(setup.module(), !tests.ok() ? List.of() : COUNTS.stream().map(n -> CompletableFuture.supplyAsync(() -> {
                long start = System.nanoTime();
                List<String> flags = Stream.concat(WrongAnswers.JVM_FLAGS.stream(), Stream.of("-XX:ActiveProcessorCount=" + n)).toList();
                try {
                    var outcome = TestJvm.start(root, setup.withJvmArgs(flags), List.of(main.dir()), tests.dir(),
                            setup.dir().resolve("target/course/cores-" + n + "/tests.log")).run(classes, null, LIMIT);
                    return new Run(setup.module(), n, outcome.results(), WrongAnswers.seconds(start));
                } catch (Exception e) {
                    return new Run(setup.module(), n, List.of(), 0); // reported as a run without tests, with its log
                }
            }, pool)).toList());
        }
        pool.shutdown(); // the runs started go on; the pool's threads end with them
        return out;
    }

    /** The runs {@link #start} started, once ended (a run never throws: it reports its failure). */
    static Map<String, List<Run>> join(Map<String, List<CompletableFuture<Run>>> started) {
        Map<String, List<Run>> out = new LinkedHashMap<>();
        started.forEach((m, runs) -> out.put(m, runs.stream().map(CompletableFuture::join).toList()));
        return out;
    }
}
