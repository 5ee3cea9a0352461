package course.tools;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * The course check: proves that the course is sound, module by module.
 *
 * <ul>
 *   <li>every test passes against the reference code in solutions/ (the -Psolutions build);
 *   <li>every test fails against the learner's starters (a test that passes on a starter proves nothing);
 *   <li>both builds ran the same tests;
 *   <li>the starter and solution trees hold the same files with the same public API;
 *   <li>every wrong answer of the corpus (solutions/wrong, see WrongAnswers) fails a test of its
 *       exercise with a message that teaches;
 *   <li>every exercise declares its contract and each declared dimension has a test (Contracts);
 *   <li>the tests pass against solutions/ at 1, 3 and 6 simulated cores too (CoreCounts).
 * </ul>
 * Prints one line per module and the reasons for any problem; exits 1 when there is one.
 *
 * <p>Run in a learner's clone, their work in the starters would make tests pass on "starters":
 * the starters they changed are then set aside and the course's committed ones tested instead
 * (Upstream), with one sentence saying so and pointing at progress. {@code --strict} (and CI,
 * where the environment variable CI is true) tests the working tree's starters as they are.
 *
 * <pre>
 *   check [module ...] [--strict] [--corpus DIR] [--parallel N]
 * </pre>
 */
final class Check {

    private static final int SHOWN = 12;
    /** The core-count runs (CoreCounts) at a time, beside the wrong answers' pool. */
    static final int CORE_RUNS_AT_A_TIME = 2;
    private final Path root;

    Check(Path root) {
        this.root = root;
    }

    int run(List<String> args) throws Exception {
        Args parsed = Args.parse(args, Set.of("--corpus", "--parallel"), Set.of("--strict"));
        List<String> named = parsed.positionals();
        boolean strict = "true".equalsIgnoreCase(System.getenv("CI")) || parsed.flag("--strict");
        int parallel = parsed.number("--parallel", WrongAnswers.PARALLEL, 1, WrongAnswers.MAX_PARALLEL);
        WrongAnswers wrong = new WrongAnswers(root);
        wrong.corpus(parsed);
        List<String> modules = Course.modules(root, named);
        boolean all = named.isEmpty();
        long start = System.nanoTime();
        Maven maven = new Maven(root, Duration.ofMinutes(30));
        Path logs = root.resolve("target/course");

        for (String m : modules) {
            Course.deleteTree(root.resolve(m).resolve("target/surefire-reports"));
            Course.deleteTree(root.resolve(m).resolve("target/solutions/surefire-reports"));
        }
        System.out.println("Course check: " + String.join(", ", modules));
        // The two builds side by side: each keeps about one core busy (most of a test is waiting), and
        // they share nothing but the read-only local repository (-Psolutions builds into target/solutions).
        System.out.println("  running the tests against solutions/ and against the starters (two Maven builds side by side) ...");
        var solutionsFuture = java.util.concurrent.CompletableFuture.supplyAsync(() -> {
            try {
                return maven.run(logs.resolve("check-solutions.log"), Maven.testArgs(modules, all, "-Psolutions"));
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }, r -> Thread.ofPlatform().name("check-solutions").daemon().start(r));
        var startersRun = maven.run(logs.resolve("check-starters.log"), Maven.testArgs(modules, all));
        var solutionsRun = solutionsFuture.join();
        System.out.println("  trying the wrong answers against the solutions' tests ...");
        Map<String, ModuleSetup> setups = ModuleSetup.of(root, modules, System.out);
        Upstream upstream = new Upstream(root);
        // Every module's wrong answers in one pool (see WrongAnswers.checkAll).
        Map<String, List<WrongAnswers.Variant>> variantsOf = new java.util.LinkedHashMap<>();
        Map<String, List<WrongAnswers.Verdict>> corpusErrorsOf = new java.util.HashMap<>();
        for (String m : modules) {
            List<WrongAnswers.Verdict> errors = new ArrayList<>();
            variantsOf.put(m, wrong.corpus(m, errors));
            corpusErrorsOf.put(m, errors);
        }
        // The core-count runs beside the wrong answers: a module's tests mostly wait, so they cost the
        // pool little (see CoreCounts).
        long coresStart = System.nanoTime();
        java.util.concurrent.ExecutorService coresPool = java.util.concurrent.Executors.newFixedThreadPool(CORE_RUNS_AT_A_TIME,
                Thread.ofPlatform().name("core-counts-", 1).daemon().factory());
        Map<String, List<java.util.concurrent.CompletableFuture<CoreCounts.Run>>> coreRuns = CoreCounts.start(root, setups, coresPool);
        long wrongStart = System.nanoTime();
        Map<String, List<WrongAnswers.Variant>> toTry = new java.util.LinkedHashMap<>(variantsOf);
        toTry.values().removeIf(List::isEmpty);
        Map<String, List<WrongAnswers.Verdict>> wrongVerdicts = wrong.checkAll(setups, toTry, parallel, null);
        System.out.printf("    %d wrong answers tried in %.0f s, %d at a time%n",
                toTry.values().stream().mapToInt(List::size).sum(), (System.nanoTime() - wrongStart) / 1e9, parallel);
        Map<String, List<CoreCounts.Run>> coreResults = new java.util.LinkedHashMap<>();
        try {
            for (var e : coreRuns.entrySet()) coreResults.put(e.getKey(), e.getValue().stream().map(java.util.concurrent.CompletableFuture::join).toList());
        } finally {
            coresPool.shutdownNow();
        }
        System.out.printf("    the solutions' tests at %s cores: %d runs in %.0f s (the longest %.0f s), %d at a time beside them%n",
                CoreCounts.COUNTS.stream().map(String::valueOf).reduce((a, b) -> a + ", " + b).orElse(""),
                coreResults.values().stream().mapToInt(List::size).sum(), (System.nanoTime() - coresStart) / 1e9,
                coreResults.values().stream().flatMap(List::stream).mapToDouble(CoreCounts.Run::seconds).max().orElse(0), CORE_RUNS_AT_A_TIME);

        boolean sound = true;
        long goodTests = 0, badTests = 0, structural = 0; // structural: files, API, builds that did not run
        long caughtTotal = 0, uncaughtTotal = 0;
        List<String> lines = new ArrayList<>();
        List<String> details = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        Map<String, List<String>> setAside = new java.util.LinkedHashMap<>();
        for (String m : modules) {
            Path mod = root.resolve(m);
            Map<String, TestResults.Outcome> onSolutions = TestResults.read(mod.resolve("target/solutions/surefire-reports"));
            Map<String, TestResults.Outcome> onStarters = TestResults.read(mod.resolve("target/surefire-reports"));
            Path starterClasses = mod.resolve("target/classes");
            Set<String> untracked = Set.of();

            // A learner's clone: their work in the starters must not answer for the course. Test the
            // starters as the course committed them instead (see Upstream), unless strict.
            boolean startersProveSomething = !onStarters.isEmpty()
                    && onStarters.values().stream().allMatch(o -> o.status() == TestResults.Status.FAILED);
            if (!strict && !startersProveSomething) {
                // Only the starters whose tests pass (all of them when the module did not compile) are
                // put back; every other starter is tested as it is.
                Set<String> passing = new TreeSet<>();
                onStarters.values().stream().filter(o -> o.status() != TestResults.Status.FAILED).forEach(o -> passing.add(TestResults.exerciseOf(o.testClass())));
                boolean compiled = !onStarters.isEmpty();
                Map<String, Upstream.Edited> edited = new java.util.LinkedHashMap<>(upstream.edited(m));
                edited.values().removeIf(e -> compiled && !passing.contains(e.exercise()));
                untracked = upstream.untracked(m);
                if (!edited.isEmpty() || !untracked.isEmpty()) {
                    Committed committed = committedStarters(setups.get(m), edited, untracked);
                    if (committed != null) {
                        onStarters = committed.results();
                        starterClasses = committed.classes();
                        List<String> yours = new ArrayList<>(edited.values().stream().map(Upstream.Edited::exercise).toList());
                        untracked.forEach(u -> yours.add(u.substring(u.lastIndexOf('/') + 1)));
                        setAside.put(m, yours);
                    }
                }
            }
            List<String> problems = new ArrayList<>();
            long passOnSolutions = count(onSolutions, TestResults.Status.PASSED);
            long failOnStarters = count(onStarters, TestResults.Status.FAILED);
            if (onSolutions.isEmpty()) {
                problems.add("no test ran against solutions/ (does it compile? see " + rel(solutionsRun.log()) + ")");
            }
            onSolutions.values().stream().filter(o -> o.status() != TestResults.Status.PASSED).limit(SHOWN)
                    .forEach(o -> problems.add(o.status().name().toLowerCase() + " on solutions: " + o.testClass() + "." + o.name() + oneLine(o.message())));
            if (onStarters.isEmpty() && !onSolutions.isEmpty()) {
                problems.add("no test ran against the starters (do they compile? see " + rel(startersRun.log()) + ")");
            }
            onStarters.values().stream().filter(o -> o.status() != TestResults.Status.FAILED).limit(SHOWN)
                    .forEach(o -> problems.add(o.status().name().toLowerCase() + " on starters (proves nothing): " + o.testClass() + "." + o.name()));
            if (!onStarters.isEmpty() && !onSolutions.keySet().equals(onStarters.keySet())) {
                Set<String> a = new TreeSet<>(onSolutions.keySet());
                a.removeAll(onStarters.keySet());
                Set<String> b = new TreeSet<>(onStarters.keySet());
                b.removeAll(onSolutions.keySet());
                a.stream().limit(SHOWN).forEach(k -> problems.add("ran on solutions only: " + k));
                b.stream().limit(SHOWN).forEach(k -> problems.add("ran on starters only: " + k));
            }
            for (var e : onSolutions.entrySet()) {
                var onStarter = onStarters.get(e.getKey());
                boolean good = e.getValue().status() == TestResults.Status.PASSED
                        && onStarter != null && onStarter.status() == TestResults.Status.FAILED;
                if (good) goodTests++; else badTests++;
            }
            List<String> treeProblems = new ArrayList<>(sameFiles(m, untracked));
            ApiSignatures.differences(ApiSignatures.of(starterClasses), "starters",
                            ApiSignatures.of(mod.resolve("target/solutions/classes")), "solutions")
                    .stream().limit(SHOWN).forEach(d -> treeProblems.add("API differs: " + d));
            if (onSolutions.isEmpty() || onStarters.isEmpty()) structural++;
            structural += treeProblems.size();
            problems.addAll(treeProblems);

            // Green at other core counts too; a module that did not compile has no runs (reported above).
            for (CoreCounts.Run r : coreResults.getOrDefault(m, List.of())) {
                if (r.tests() == 0) problems.add("no test ran on solutions at -XX:ActiveProcessorCount=" + r.cores() + " (see " + m + "/target/course/cores-" + r.cores() + "/tests.log)");
                r.failures().stream().limit(SHOWN).forEach(o -> problems.add("failed on solutions at -XX:ActiveProcessorCount=" + r.cores() + ": "
                        + o.testClass() + "." + o.name() + oneLine(o.message())));
                structural += r.failures().size() + (r.tests() == 0 ? 1 : 0);
            }

            // The contract of each exercise, declared and tested.
            Contracts.Report contracts = Contracts.of(root, m);
            contracts.gaps().forEach(g -> problems.add("contract: " + g));
            structural += contracts.gaps().size();

            // The wrong-answer corpus: every one must fail a test of its exercise with a teaching message.
            List<WrongAnswers.Verdict> corpusErrors = corpusErrorsOf.get(m);
            List<WrongAnswers.Variant> variants = variantsOf.get(m);
            List<WrongAnswers.Verdict> verdicts = variants.isEmpty() ? List.of() : wrongVerdicts.get(m);
            long caught = 0, wrongTotal = variants.size() + corpusErrors.size();
            if (verdicts == null) {
                problems.add("the wrong answers were not tried: the solutions or the tests do not compile with the fast runner");
                uncaughtTotal += wrongTotal;
            } else {
                List<WrongAnswers.Verdict> tried = new ArrayList<>(corpusErrors);
                tried.addAll(verdicts);
                for (WrongAnswers.Verdict v : tried) {
                    if (v.caught()) {
                        caught++;
                        continue;
                    }
                    problems.add((v.corpusError() ? "wrong answer cannot be tried: " : "wrong answer not caught: ")
                            + v.variant().exercise() + "/" + v.variant().slug() + ": " + v.detail());
                }
                caughtTotal += caught;
                uncaughtTotal += wrongTotal - caught;
            }
            List<String> thin = wrong.thinExercises(m, variants);
            if (wrongTotal == 0) notes.add(m + ": no wrong answers yet (" + rel(wrong.folder(m)) + ")");
            else if (!thin.isEmpty()) notes.add(m + ": fewer than " + WrongAnswers.AT_LEAST + " wrong answers for " + String.join(", ", thin));

            lines.add("%s: %d tests | %d pass on solutions | %d fail on starters | %d/%d wrong answers caught%s".formatted(
                    m, onSolutions.size(), passOnSolutions, failOnStarters, caught, wrongTotal, problems.isEmpty() ? "" : " | NOT SOUND"));
            lines.add("  " + contracts.line() + "; at " + CoreCounts.COUNTS.stream().map(String::valueOf).reduce((a, b) -> a + ", " + b).orElse("")
                    + " cores: " + coreResults.getOrDefault(m, List.of()).stream().filter(CoreCounts.Run::green).count() + "/" + CoreCounts.COUNTS.size() + " runs green");
            if (!problems.isEmpty()) {
                sound = false;
                details.add(m + ":");
                problems.forEach(p -> details.add("  - " + p));
            }
        }
        String branchLine = solutionBranchLine(modules);
        if (branchLine.startsWith("NOT SOUND")) {
            sound = false;
            structural++;
        }
        if (solutionsRun.timedOut() || startersRun.timedOut()) {
            sound = false;
            structural++;
            details.add("a Maven run hit the check's time limit: see " + rel(logs));
        }

        System.out.println();
        lines.forEach(System.out::println);
        System.out.println("solution branch: " + branchLine);
        if (!details.isEmpty()) {
            System.out.println();
            details.forEach(System.out::println);
        }
        if (!notes.isEmpty()) {
            System.out.println();
            notes.forEach(n -> System.out.println("note: " + n));
        }
        if (!setAside.isEmpty()) {
            System.out.println();
            System.out.println("Your own work (" + setAside.entrySet().stream().map(e -> Exercises.shortModule(e.getKey()) + " " + String.join(", ", e.getValue()))
                    .reduce((a, b) -> a + "; " + b).orElse("") + ") was set aside and the starters were checked as the course committed them:"
                    + " this command checks the course for its maintainers; to see your progress, run ./mvnw -q -Dcourse=progress");
        }
        System.out.printf("%nCourse check %s in %d s (logs: %s)%n", sound ? "PASSED" : "FAILED",
                Duration.ofNanos(System.nanoTime() - start).toSeconds(), rel(logs));
        // One test passes the check when it is green on solutions/ and red on the starters, one
        // wrong answer when a test catches it. Structural problems (files, API, a build that did
        // not run) count as failures too.
        System.out.printf("course-check: %d passed, %d failed%n", goodTests + caughtTotal, badTests + structural + uncaughtTotal);
        System.out.println(sound
                ? "next: open module-01-threads/README.md, then ./mvnw -q -Dcourse=progress shows the first exercise"
                : "next: read the first problem above and its log in " + rel(logs) + "; the course is not sound until this command passes");
        return sound ? 0 : 1;
    }

    /**
     * The generated solution branch (see SolutionBranch) must be exactly this commit with each
     * module's src/main/java taken from solutions/: then the -Psolutions run above, which built
     * those very files against these very tests, proves that the branch passes too.
     */
    private String solutionBranchLine(List<String> modules) throws Exception {
        if (!Course.git(root, "status", "--porcelain", "--untracked-files=no").isBlank()) {
            return "not checked: uncommitted changes (it is generated from the last commit)";
        }
        String commit = new SolutionBranch(root).build("HEAD");
        int files = 0;
        for (String m : modules) {
            String generated = Course.git(root, "ls-tree", "-r", commit, "--", m + "/src/main/java/")
                    .replace("\t" + m + "/src/main/java/", "\t");
            String reference = Course.git(root, "ls-tree", "-r", "HEAD", "--", "solutions/" + m + "/src/main/java/")
                    .replace("\tsolutions/" + m + "/src/main/java/", "\t");
            if (!generated.equals(reference)) {
                return "NOT SOUND: " + m + "/src/main/java on the generated branch differs from solutions/" + m;
            }
            files += (int) generated.lines().count();
        }
        List<String> all = Course.modules(root, List.of());
        String changed = Course.git(root, "diff", "--name-only", "HEAD", commit);
        if (!changed.lines().allMatch(f -> all.stream().anyMatch(m -> f.startsWith(m + "/src/main/java/")))) {
            return "NOT SOUND: the generated branch changes more than the modules' src/main/java";
        }
        return "generated tree = this commit + solutions/ (" + files + " reference files in place), so it passes as the solutions did";
    }

    /** What the course check tests in place of the starters when a learner changed some: the committed ones. */
    record Committed(Map<String, TestResults.Outcome> results, Path classes) {}

    /**
     * Compiles the module's starters as committed (Upstream) with the fast engine and runs all its
     * tests against them: null when they do not compile, which the check then reports as usual.
     */
    private Committed committedStarters(ModuleSetup setup, Map<String, Upstream.Edited> edited, Set<String> untracked) throws Exception {
        Path dir = setup.dir().resolve("target/course/committed-starters");
        Upstream.committedTree(root, setup.module(), edited, untracked, dir.resolve("src"));
        Build build = new Build(root, setup);
        List<Path> roots = new ArrayList<>(List.of(dir.resolve("src")));
        roots.addAll(setup.extraMainSources());
        Build.Classes main = build.main("committed-starters", roots);
        if (!main.ok()) return null;
        Build.Classes tests = build.tests(main, "committed-starters");
        if (!tests.ok()) return null;
        TestJvm.Outcome outcome = TestJvm.start(root, setup, List.of(main.dir()), tests.dir(), dir.resolve("tests.log"))
                .run(Exercises.of(root, setup.module()).stream().map(Exercises.Exercise::testClass).toList(), null, LearnerTests.LIMIT);
        Map<String, TestResults.Outcome> results = new TreeMap<>();
        for (TestJvm.Result r : outcome.results()) results.put(r.testClass() + "#" + r.name(), r.outcome());
        return new Committed(results, main.dir());
    }

    /** Starter and solution trees must hold the same .java files (a learner's untracked files aside). */
    private List<String> sameFiles(String module, Set<String> untracked) throws IOException {
        Set<String> starters = javaFiles(root.resolve(module).resolve("src/main/java"));
        starters.removeAll(untracked);
        Set<String> solutions = javaFiles(root.resolve("solutions").resolve(module).resolve("src/main/java"));
        List<String> out = new ArrayList<>();
        starters.stream().filter(f -> !solutions.contains(f)).forEach(f -> out.add("no solution for starter file " + f));
        solutions.stream().filter(f -> !starters.contains(f)).forEach(f -> out.add("no starter for solution file " + f));
        return out;
    }

    private static Set<String> javaFiles(Path dir) throws IOException {
        Set<String> out = new TreeSet<>();
        if (!Files.isDirectory(dir)) return out;
        try (Stream<Path> s = Files.walk(dir)) {
            s.filter(p -> p.toString().endsWith(".java")).forEach(p -> out.add(dir.relativize(p).toString().replace('\\', '/')));
        }
        return out;
    }

    private static long count(Map<String, TestResults.Outcome> results, TestResults.Status status) {
        return results.values().stream().filter(o -> o.status() == status).count();
    }

    private static String oneLine(String message) {
        if (message.isBlank()) return "";
        String first = message.lines().findFirst().orElse("");
        return ": " + (first.length() > 160 ? first.substring(0, 160) + "..." : first);
    }

    private String rel(Path p) {
        return root.relativize(p).toString();
    }
}
