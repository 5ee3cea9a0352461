package course.tools;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;

/**
 * The solutions at other core counts (issue 23): every module's tests, on the fast engine, against the
 * reference code in a JVM told it has 1, 3 or 6 processors ({@code -XX:ActiveProcessorCount}). One
 * (1) finds code that needs a second thread to make progress; 3 and 6, not powers of two and above a
 * 2-core CI machine, find code and tests sized by hand for 2. A learner has 4 to 16 cores.
 */
final class CoreCounts {

    static final List<Integer> COUNTS = List.of(1, 3, 6);

    /** A run's time limit: a module's whole test suite, slowed by the wrong answers beside it. */
    static final Duration LIMIT = Duration.ofMinutes(10);

    /** One module at one core count: the tests that did not pass (empty when green), and how long it took. */
    record Run(String module, int cores, List<TestJvm.Result> failures, int tests, double seconds) {
        boolean green() {
            return failures.isEmpty() && tests > 0;
        }
    }

    private CoreCounts() {}

    /**
     * Starts the runs of {@code setups}' modules on {@code pool}; a module whose solutions or tests do
     * not compile gets none (the Maven run reports that). Compiles first, in this thread, so that the
     * wrong answers started next find the same classes compiled.
     */
    static Map<String, List<CompletableFuture<Run>>> start(Path root, Map<String, ModuleSetup> setups, ExecutorService pool) throws Exception {
        Map<String, List<CompletableFuture<Run>>> out = new LinkedHashMap<>();
        for (var e : setups.entrySet()) {
            ModuleSetup setup = e.getValue();
            Build build = new Build(root, setup);
            Build.Classes main = build.main(ModuleSetup.Tree.SOLUTIONS);
            Build.Classes tests = main.ok() ? build.tests(main, ModuleSetup.Tree.SOLUTIONS) : null;
            List<CompletableFuture<Run>> runs = new ArrayList<>();
            out.put(e.getKey(), runs);
            if (tests == null || !tests.ok()) continue;
            List<String> classes = Exercises.of(root, setup.module()).stream().map(Exercises.Exercise::testClass).toList();
            for (int n : COUNTS) {
                runs.add(CompletableFuture.supplyAsync(() -> {
                    try {
                        return run(root, setup, main, tests, classes, n);
                    } catch (Exception x) {
                        // The check reports a run without tests, with its log.
                        return new Run(setup.module(), n, List.of(), 0, 0);
                    }
                }, pool));
            }
        }
        return out;
    }

    private static Run run(Path root, ModuleSetup setup, Build.Classes main, Build.Classes tests, List<String> classes, int n) throws Exception {
        long start = System.nanoTime();
        Path log = setup.dir().resolve("target/course/cores-" + n + "/tests.log");
        List<String> flags = new ArrayList<>(WrongAnswers.JVM_FLAGS);
        flags.add("-XX:ActiveProcessorCount=" + n);
        TestJvm.Outcome outcome = TestJvm.start(root, setup.withJvmArgs(flags), List.of(main.dir()), tests.dir(), log)
                .run(classes, null, LIMIT);
        List<TestJvm.Result> failures = outcome.results().stream().filter(r -> r.status() == TestResults.Status.FAILED).toList();
        return new Run(setup.module(), n, failures, outcome.results().size(), (System.nanoTime() - start) / 1e9);
    }
}
