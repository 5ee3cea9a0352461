package course.tools;

import static course.tools.TestResults.Status.FAILED;
import static course.tools.TestResults.Status.PASSED;

import course.tools.WrongAnswers.Variant;
import course.tools.WrongAnswers.Verdict;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.*;
import java.util.concurrent.FutureTask;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The course check, {@code check [module ...] [--strict] [--corpus DIR] [--parallel N]}: every test passes on solutions/ and fails on the
 * starters (two Maven builds), both trees hold the same files and public API, the manifest lists every exercise with its files and wrong
 * answers, every wrong answer is caught (WrongAnswers), every contract tested (Contracts), the solutions green at 1, 3 and 6 cores
 * (CoreCounts), the fast engine agrees with surefire and the solution branch is the reference code. One line per module; exit 1 on a
 * problem. In a learner's clone their edited starters are set aside (CommittedStarters), unless --strict or CI.
 */
final class Check {

    private static final int SHOWN = 12;
    private final Path root;

    Check(Path root) { this.root = root; }

    /** One run's choices, from its command line. */
    record Options(List<String> modules, boolean all, boolean strict, int parallel, WrongAnswers wrong) {}

    /** What the runs left: Maven's two, the wrong answers' corpus and verdicts (null: not tried), the core-count runs. */
    record Runs(Maven.Run solutions, Maven.Run starters, Map<String, ModuleSetup> setups, Map<String, List<Variant>> variants,
                Map<String, List<Verdict>> corpusErrors, Map<String, List<Verdict>> verdicts, Map<String, List<CoreCounts.Run>> cores) {}

    /** One module's problems as the checks find them, and how many checks failed. */
    private static final class Findings {
        final List<String> problems = new ArrayList<>();
        long failed;
        void fail(String problem) { problems.add(problem); failed++; }
        /** Each of {@code all} fails a check; the SHOWN first are shown. */
        void failAll(List<String> all) { all.stream().limit(SHOWN).forEach(problems::add); failed += all.size(); }
    }

    /** One module's verdict: its lines, problems and notes, the learner's work set aside, and the checks passed and failed. */
    record Judged(List<String> lines, List<String> problems, List<String> notes, List<String> setAside, long passed, long failed) {}

    int run(List<String> args) throws Exception {
        long start = System.nanoTime();
        Options o = options(args);
        System.out.println("Course check: " + String.join(", ", o.modules()));
        Runs runs = fastRuns(o, mavenBuilds(o));
        Map<String, Judged> judged = new LinkedHashMap<>();
        for (String m : o.modules()) judged.put(m, judge(o, runs, m));
        return report(judged, new SolutionBranch(root).verify(o.modules()), runs, start);
    }

    /** The options, and every module's manifest read: a broken one stops the check before its builds. */
    private Options options(List<String> raw) throws IOException {
        Args args = Args.parse(raw, Set.of("--corpus", "--parallel"), Set.of("--strict"));
        WrongAnswers wrong = new WrongAnswers(root);
        wrong.corpus(args);
        List<String> modules = Course.modules(root, args.positionals());
        for (String m : modules) Manifest.read(root, m);
        return new Options(modules, args.positionals().isEmpty(), "true".equalsIgnoreCase(System.getenv("CI")) || args.flag("--strict"),
                args.number("--parallel", WrongAnswers.PARALLEL, 1, WrongAnswers.MAX_PARALLEL), wrong);
    }

    /** The tests with Maven on solutions/ (-Psolutions, into target/solutions) and on the starters, side by side: each keeps about a core busy. */
    private List<Maven.Run> mavenBuilds(Options o) throws Exception {
        for (String m : o.modules()) {
            Course.deleteTree(root.resolve(m).resolve("target/surefire-reports"));
            Course.deleteTree(root.resolve(m).resolve("target/solutions/surefire-reports"));
        }
        System.out.println("  running the tests against solutions/ and against the starters (two Maven builds side by side) ...");
        Maven maven = new Maven(root, Duration.ofMinutes(30));
        var solutions = new FutureTask<>(() -> maven.run(root.resolve("target/course/check-solutions.log"), Maven.testArgs(o.modules(), o.all(), "-Psolutions")));
        Thread.ofPlatform().name("check-solutions").daemon().start(solutions);
        Maven.Run starters = maven.run(root.resolve("target/course/check-starters.log"), Maven.testArgs(o.modules(), o.all()));
        return List.of(solutions.get(), starters);
    }

    /** The wrong answers of every module in one pool (WrongAnswers.checkAll) and, beside them, the core-count runs. */
    private Runs fastRuns(Options o, List<Maven.Run> maven) throws Exception {
        System.out.println("  trying the wrong answers against the solutions' tests ...");
        Map<String, ModuleSetup> setups = ModuleSetup.of(root, o.modules(), System.out);
        Map<String, List<Variant>> variants = new LinkedHashMap<>(), toTry = new LinkedHashMap<>();
        Map<String, List<Verdict>> corpusErrors = new HashMap<>();
        for (String m : o.modules()) {
            corpusErrors.put(m, new ArrayList<>());
            variants.put(m, o.wrong().corpus(m, corpusErrors.get(m)));
            if (!variants.get(m).isEmpty()) toTry.put(m, variants.get(m));
        }
        long coresStart = System.nanoTime();
        var started = CoreCounts.start(root, setups);
        long wrongStart = System.nanoTime();
        Map<String, List<Verdict>> verdicts = o.wrong().checkAll(setups, toTry, o.parallel(), null);
        System.out.printf("    %d wrong answers tried in %.0f s, %d at a time%n", toTry.values().stream().mapToInt(List::size).sum(),
                WrongAnswers.seconds(wrongStart), o.parallel());
        Map<String, List<CoreCounts.Run>> cores = CoreCounts.join(started);
        System.out.printf("    the solutions' tests at %s cores: %d runs in %.0f s (the longest %.0f s), %d at a time beside them%n", counts(),
                cores.values().stream().mapToInt(List::size).sum(), WrongAnswers.seconds(coresStart),
                cores.values().stream().flatMap(List::stream).mapToDouble(CoreCounts.Run::seconds).max().orElse(0), CoreCounts.AT_A_TIME);
        return new Runs(maven.get(0), maven.get(1), setups, variants, corpusErrors, verdicts, cores);
    }

    /** Every check of one module, from what the runs left. */
    Judged judge(Options o, Runs runs, String m) throws Exception {
        Findings f = new Findings();
        Map<String, TestResults.Outcome> onSolutions = TestResults.read(root.resolve(m).resolve("target/solutions/surefire-reports"));
        CommittedStarters.Starters starters = starters(o, runs, m);
        long good = greenAndRed(onSolutions, starters.results(), runs, f);
        sameFilesAndApi(m, starters, f);
        List<CoreCounts.Run> cores = runs.cores().getOrDefault(m, List.of());
        coreCounts(m, cores, f);
        String engine = engine(onSolutions, cores, f);
        Contracts.Report contracts = Contracts.of(root, m);
        contracts.gaps().forEach(g -> f.fail("contract: " + g));
        manifest(o, m, runs.variants().get(m), f);
        long caught = wrongAnswers(runs, m, f), wrong = runs.variants().get(m).size() + runs.corpusErrors().get(m).size();
        List<String> lines = List.of("%s: %d tests | %d pass on solutions | %d fail on starters | %d/%d wrong answers caught%s".formatted(m, onSolutions.size(),
                        count(onSolutions, PASSED), count(starters.results(), FAILED), caught, wrong, f.problems.isEmpty() ? "" : " | NOT SOUND"),
                "  " + contracts.line() + "; at " + counts() + " cores: " + cores.stream().filter(CoreCounts.Run::green).count() + "/" + CoreCounts.COUNTS.size() + " runs green",
                "  " + engine);
        List<String> notes = wrong == 0 ? List.of(m + ": no wrong answers yet (" + rel(o.wrong().folder(m)) + ")") : List.of();
        return new Judged(lines, f.problems, notes, starters.setAside(), good + caught, f.failed);
    }

    /** The working tree's starters, or in a learner's clone (not strict) the committed ones: their work must not answer for the course. */
    private CommittedStarters.Starters starters(Options o, Runs runs, String m) throws Exception {
        Map<String, TestResults.Outcome> results = TestResults.read(root.resolve(m).resolve("target/surefire-reports"));
        Path classes = root.resolve(m).resolve("target/classes");
        boolean asTheyAre = o.strict() || !results.isEmpty() && count(results, FAILED) == results.size();
        CommittedStarters upstream = new CommittedStarters(root);
        CommittedStarters.Starters committed = asTheyAre ? null : upstream.committed(runs.setups().get(m), results);
        return committed != null ? committed : new CommittedStarters.Starters(results, classes, asTheyAre ? Set.of() : upstream.untracked(m), List.of());
    }

    /** Every test green on solutions/ and red on the starters, the same tests in both builds; returns the tests that are. */
    private long greenAndRed(Map<String, TestResults.Outcome> onSolutions, Map<String, TestResults.Outcome> onStarters, Runs maven, Findings f) {
        if (onSolutions.isEmpty()) f.problems.add("no test ran against solutions/ (does it compile? see " + rel(maven.solutions().log()) + ")");
        onSolutions.values().stream().filter(x -> x.status() != PASSED).limit(SHOWN)
                .forEach(x -> f.problems.add(lower(x.status()) + " on solutions: " + x.testClass() + "." + x.name() + oneLine(x.message())));
        if (onStarters.isEmpty() && !onSolutions.isEmpty()) f.problems.add("no test ran against the starters (do they compile? see " + rel(maven.starters().log()) + ")");
        onStarters.values().stream().filter(x -> x.status() != FAILED).limit(SHOWN)
                .forEach(x -> f.problems.add(lower(x.status()) + " on starters (proves nothing): " + x.testClass() + "." + x.name()));
        if (!onStarters.isEmpty()) {
            onlyIn(onSolutions.keySet(), onStarters.keySet()).stream().limit(SHOWN).forEach(k -> f.problems.add("ran on solutions only: " + k));
            onlyIn(onStarters.keySet(), onSolutions.keySet()).stream().limit(SHOWN).forEach(k -> f.problems.add("ran on starters only: " + k));
        }
        long good = onSolutions.entrySet().stream().filter(e -> e.getValue().status() == PASSED && onStarters.containsKey(e.getKey())
                && onStarters.get(e.getKey()).status() == FAILED).count();
        f.failed += onSolutions.size() - good + (onSolutions.isEmpty() || onStarters.isEmpty() ? 1 : 0);
        return good;
    }

    /** Starter and solution trees hold the same .java files (a learner's untracked ones aside) with the same public API. */
    private void sameFilesAndApi(String m, CommittedStarters.Starters starters, Findings f) throws IOException {
        Set<String> onStarters = javaFiles(root.resolve(m).resolve("src/main/java")), onSolutions = javaFiles(root.resolve("solutions").resolve(m).resolve("src/main/java"));
        onStarters.removeAll(starters.untracked());
        onlyIn(onStarters, onSolutions).forEach(x -> f.fail("no solution for starter file " + x));
        onlyIn(onSolutions, onStarters).forEach(x -> f.fail("no starter for solution file " + x));
        ApiSignatures.differences(ApiSignatures.of(starters.classes()), "starters", ApiSignatures.of(root.resolve(m).resolve("target/solutions/classes")), "solutions")
                .stream().limit(SHOWN).forEach(d -> f.fail("API differs: " + d));
    }

    /** The solutions green at every core count: a failure counts each test, the SHOWN first shown. */
    private void coreCounts(String m, List<CoreCounts.Run> cores, Findings f) {
        for (CoreCounts.Run r : cores) {
            String at = "on solutions at -XX:ActiveProcessorCount=" + r.cores();
            if (r.results().isEmpty()) f.fail("no test ran " + at + " (see " + m + "/target/course/cores-" + r.cores() + "/tests.log)");
            f.failAll(r.failures().stream().map(x -> "failed " + at + ": " + x.testClass() + "." + x.name() + oneLine(x.message())).toList());
        }
    }

    /**
     * The fast engine's verdicts at the core counts against surefire's on the same solutions; returns the module's engine line. A test
     * differs when a run lacks it, or when its status differs from surefire's in every run (at some only, coreCounts says).
     */
    private String engine(Map<String, TestResults.Outcome> onSolutions, List<CoreCounts.Run> cores, Findings f) {
        List<Map<String, TestResults.Status>> ran = cores.stream().filter(r -> !r.results().isEmpty()).map(r -> r.results().stream()
                .collect(Collectors.toMap(x -> x.testClass() + "#" + x.name(), TestJvm.Result::status, (a, b) -> b))).toList();
        if (onSolutions.isEmpty()) return "engine: not compared (no test ran on solutions/ with Maven)";
        if (cores.isEmpty()) f.fail("the fast engine did not compile solutions/ or its tests, which Maven compiled");
        if (ran.isEmpty()) return "engine: not compared (no run of the fast engine on solutions/)";
        Set<String> tests = new TreeSet<>(onSolutions.keySet());
        ran.forEach(e -> tests.addAll(e.keySet()));
        List<String> differences = new ArrayList<>();
        for (String t : tests) {
            TestResults.Status s = onSolutions.containsKey(t) ? onSolutions.get(t).status() : null;
            if (s == null) differences.add(t + ": run by the fast engine only");
            else if (ran.stream().anyMatch(e -> !e.containsKey(t))) differences.add(t + ": run by surefire only");
            else if (ran.stream().allMatch(e -> e.get(t) != s)) differences.add(t + ": " + lower(s) + " on surefire, "
                    + String.join("/", ran.stream().map(e -> lower(e.get(t))).distinct().toList()) + " on the fast engine");
        }
        f.failAll(differences.stream().map(d -> "fast engine and surefire differ on solutions: " + d).toList());
        return differences.isEmpty() ? "engine: fast engine agrees with surefire on " + tests.size() + " tests"
                : "engine: fast engine disagrees with surefire on " + differences.size() + " of " + tests.size() + " tests";
    }

    /** Every wrong answer fails a test of its exercise with a message that teaches; returns how many did. */
    private long wrongAnswers(Runs runs, String m, Findings f) {
        List<Verdict> errors = runs.corpusErrors().get(m), verdicts = runs.variants().get(m).isEmpty() ? List.of() : runs.verdicts().get(m);
        long total = runs.variants().get(m).size() + errors.size(), caught = 0;
        if (verdicts == null) f.problems.add("the wrong answers were not tried: the solutions or the tests do not compile with the fast runner");
        for (Verdict v : verdicts == null ? List.<Verdict>of() : Stream.concat(errors.stream(), verdicts.stream()).toList()) {
            if (v.caught()) caught++;
            else f.problems.add((v.corpusError() ? "wrong answer cannot be tried: " : "wrong answer not caught: ") + v.variant().exercise() + "/" + v.variant().slug() + ": " + v.detail());
        }
        f.failed += total - caught;
        return caught;
    }

    /** The manifest lists every exercise's test class; each line has its files (starter, tests, reference, hint) and its fewest wrong answers. */
    private void manifest(Options o, String m, List<Variant> variants, Findings f) throws IOException {
        String manifest = m + "/" + Manifest.FILE;
        List<Manifest.Entry> entries = Manifest.read(root, m).exercises();
        Set<String> listed = new HashSet<>(entries.stream().map(e -> e.path() + "Test.java").toList());
        javaFiles(root.resolve(m).resolve("src/test/java")).stream().filter(x -> x.matches("(.*/)?Ex\\d\\d_\\w+Test\\.java") && !listed.contains(x))
                .forEach(x -> f.fail(manifest + " has no line for the exercise of " + m + "/src/test/java/" + x));
        for (Manifest.Entry e : entries) {
            for (String file : List.of(m + "/src/main/java/" + e.path() + ".java", m + "/src/test/java/" + e.path() + "Test.java",
                    "solutions/" + m + "/src/main/java/" + e.path() + ".java", m + "/" + e.hint())) {
                if (!Files.isRegularFile(root.resolve(file))) f.fail(manifest + ": " + e.name() + " has no " + file);
            }
            long n = variants.stream().filter(v -> v.exercise().equals(e.name())).count();
            if (n < e.wrong()) f.fail(e.name() + " has " + n + " wrong answers, fewer than the " + e.wrong() + " " + manifest + " asks for: add them to "
                    + rel(o.wrong().folder(m).resolve(e.name())));
        }
    }

    /** Prints the module lines, the solution branch's, the problems and notes, the verdict; returns the exit code. */
    private int report(Map<String, Judged> judged, String branch, Runs runs, long start) {
        List<String> details = new ArrayList<>(), notes = new ArrayList<>(), setAside = new ArrayList<>();
        long passed = 0, failed = branch.startsWith("NOT SOUND") ? 1 : 0;
        System.out.println();
        for (var e : judged.entrySet()) {
            Judged j = e.getValue();
            j.lines().forEach(System.out::println);
            if (!j.problems().isEmpty()) details.add(e.getKey() + ":");
            j.problems().forEach(p -> details.add("  - " + p));
            j.notes().forEach(n -> notes.add("note: " + n));
            if (!j.setAside().isEmpty()) setAside.add(Exercises.shortModule(e.getKey()) + " " + String.join(", ", j.setAside()));
            passed += j.passed();
            failed += j.failed();
        }
        if (runs.solutions().timedOut() || runs.starters().timedOut()) {
            details.add("a Maven run hit the check's time limit: see target/course");
            failed++;
        }
        boolean sound = details.isEmpty() && !branch.startsWith("NOT SOUND");
        System.out.println("solution branch: " + branch);
        List<String> yours = setAside.isEmpty() ? List.of() : List.of("Your own work (" + String.join("; ", setAside) + ") was set aside and"
                + " the starters were checked as the course committed them: this command checks the course for its maintainers;"
                + " to see your progress, run ./mvnw -q -Dcourse=progress");
        for (List<String> block : List.of(details, notes, yours)) {
            if (!block.isEmpty()) System.out.println();
            block.forEach(System.out::println);
        }
        System.out.printf("%nCourse check %s in %d s (logs: target/course)%n", sound ? "PASSED" : "FAILED", Duration.ofNanos(System.nanoTime() - start).toSeconds());
        // A test passes when green on solutions/ and red on the starters, a wrong answer when caught; any other problem is a failure.
        System.out.printf("course-check: %d passed, %d failed%n", passed, failed);
        System.out.println(sound ? "next: open module-01-threads/README.md, then ./mvnw -q -Dcourse=progress shows the first exercise"
                : "next: read the first problem above and its log in target/course; the course is not sound until this command passes");
        return sound ? 0 : 1;
    }

    private static Set<String> javaFiles(Path dir) throws IOException {
        return new TreeSet<>(Fingerprint.files(dir, ".java").stream().map(p -> dir.relativize(p).toString().replace('\\', '/')).toList());
    }

    private static Set<String> onlyIn(Set<String> a, Set<String> b) { return new TreeSet<>(a.stream().filter(x -> !b.contains(x)).toList()); }
    private static long count(Map<String, TestResults.Outcome> results, TestResults.Status s) { return results.values().stream().filter(x -> x.status() == s).count(); }
    private static String counts() { return String.join(", ", CoreCounts.COUNTS.stream().map(String::valueOf).toList()); }
    private static String lower(TestResults.Status s) { return s.name().toLowerCase(); }
    private String rel(Path p) { return root.relativize(p).toString(); }

    private static String oneLine(String message) {
        String first = message.lines().findFirst().orElse("");
        return first.isBlank() ? "" : ": " + (first.length() > 160 ? first.substring(0, 160) + "..." : first);
    }
}
