package course.tools;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Proves the fast engine against Maven: runs every module's tests on the solutions and on the
 * starters with the engine (Build, TestJvm) and compares each test's verdict with the surefire
 * reports the last Maven run left (the course check's: target/solutions/surefire-reports and
 * target/surefire-reports). Run the course check first, then {@code engine-check [module...]}.
 * Exits 1 when a test is missing on either side or its status differs.
 */
final class EngineCheck {

    private final Path root;

    EngineCheck(Path root) {
        this.root = root;
    }

    int run(List<String> named) throws Exception {
        List<String> modules = Course.modules(root, Args.flags(named).positionals());
        Map<String, ModuleSetup> setups = ModuleSetup.of(root, modules, System.out);
        int differences = 0, compared = 0;
        for (String m : modules) {
            for (ModuleSetup.Tree tree : ModuleSetup.Tree.values()) {
                Path reports = root.resolve(m).resolve(tree == ModuleSetup.Tree.SOLUTIONS ? "target/solutions/surefire-reports" : "target/surefire-reports");
                Map<String, TestResults.Outcome> maven = TestResults.read(reports);
                if (maven.isEmpty()) {
                    System.out.println(m + " " + tree.name().toLowerCase() + ": no surefire reports to compare with (run the course check first)");
                    differences++;
                    continue;
                }
                Build build = new Build(root, setups.get(m));
                Build.Classes main = build.main(tree);
                Build.Classes tests = main.ok() ? build.tests(main, tree) : main;
                if (!tests.ok()) {
                    System.out.println(m + " " + tree.name().toLowerCase() + ": does not compile with the engine: " + tests.errors().getFirst().describe(root));
                    differences++;
                    continue;
                }
                long start = System.nanoTime();
                TestJvm.Outcome outcome = TestJvm.start(root, setups.get(m), List.of(main.dir()), tests.dir(),
                                root.resolve("target/course/logs").resolve(m + "-engine-" + tree.name().toLowerCase() + ".log"))
                        .run(Exercises.of(root, m).stream().map(Exercises.Exercise::testClass).toList(), null, LearnerTests.LIMIT);
                Map<String, TestResults.Status> engine = new TreeMap<>();
                outcome.results().forEach(r -> engine.put(r.testClass() + "#" + r.name(), r.status()));
                List<String> diff = new ArrayList<>();
                Set<String> keys = new TreeSet<>(maven.keySet());
                keys.addAll(engine.keySet());
                for (String k : keys) {
                    TestResults.Status a = maven.containsKey(k) ? maven.get(k).status() : null;
                    TestResults.Status b = engine.get(k);
                    if (a != b) diff.add(k + ": maven " + a + ", engine " + b);
                }
                compared += keys.size();
                differences += diff.size();
                System.out.printf("%s %s: %d tests, %d differ (engine %.1f s)%n", m, tree.name().toLowerCase(), keys.size(), diff.size(),
                        (System.nanoTime() - start) / 1e9);
                diff.forEach(d -> System.out.println("  - " + d));
            }
        }
        System.out.println("engine-check: " + compared + " verdicts compared, " + differences + " differ");
        return differences == 0 ? 0 : 1;
    }
}
