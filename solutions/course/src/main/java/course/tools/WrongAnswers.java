package course.tools;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * The wrong-answer corpus, proven: every {@code solutions/wrong/<module>/<ExNN_Name>/<slug>.diff}
 * (the exercise's reference plus one mistake, as diff hunks ({@link Patch}) under the line
 * {@code # Wrong: <the mistake> (caught by <test method>)}) is applied to the reference, compiled in
 * place of the solution's class, and that exercise's test class runs against it.
 * It is caught when a test fails with a message that names the exercise and is not a bare
 * timeout, NPE or ConditionTimeoutException (Caught); the run stops at that first catch.
 *
 * <p>Isolation: each wrong answer runs in a JVM of its own (a wrong answer may leak threads,
 * spin, hang, or call System.exit, and must not change the next one's verdict), with a time
 * limit after which the JVM and everything it started is killed. Speed: the solutions' classes
 * and the test classes are compiled once, the variants by javac in this JVM, and
 * {@code parallel} JVMs run at a time; a JVM ends at the first catch instead of running the
 * rest of the class.
 */
final class WrongAnswers {

    /**
     * Wrong answers tried at a time, unless --parallel says otherwise. Much of a run is a test waiting
     * out its patience, so more runs than cores keep the cores busy: all ~300 in one pool (checkAll)
     * took 277 s six at a time on 2 cores, with 1.85 cores busy; module by module, four at a time,
     * 400 s.
     */
    static final int PARALLEL = 6;
    /** The most --parallel takes: each costs a test JVM. */
    static final int MAX_PARALLEL = 64;

    /**
     * Added to a wrong answer's test JVM: C1 only, and the serial collector. Such a run is short
     * (a few seconds) and the corpus is CPU-bound on 2 cores, so the JIT's C2 compiles and G1's
     * threads are mostly cost: these flags cut the CPU of module-03's 53 runs by a quarter (243 to
     * 183 s). They change how fast the code runs, and so how racing threads interleave: tests that
     * catch by construction (latches, thread identity, counts) give the same verdict, tests that
     * catch a race by chance may not, so those run without them (RACED_BY_CHANCE).
     */
    static final List<String> JVM_FLAGS = List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC");

    /**
     * Exercises whose tests race threads in the test's own JVM and catch a lost update by chance
     * (in every round measured, but not by construction): their wrong answers run with the JVM's
     * defaults, the JIT tiers and collector of a learner's run. (Module 01's Ex05 races in a JVM
     * its test starts with flags of its own, so these flags never reach it.)
     */
    static final Set<String> RACED_BY_CHANCE = Set.of("module-04-pitfalls/Ex08_DataRace");

    /** The extra flags of {@code v}'s test JVM. */
    static List<String> jvmFlags(Variant v) {
        return RACED_BY_CHANCE.contains(v.module() + "/" + v.exercise()) ? List.of() : JVM_FLAGS;
    }

    /** Every exercise should have at least this many wrong answers (issue 10). */
    static final int AT_LEAST = 3;

    /** The exercises of {@code module} with fewer than AT_LEAST wrong answers, with their count. */
    List<String> thinExercises(String module, List<Variant> variants) throws IOException {
        List<String> out = new ArrayList<>();
        for (Exercises.Exercise e : Exercises.of(root, module)) {
            long n = variants.stream().filter(v -> v.exercise().equals(e.name())).count();
            if (n < AT_LEAST) out.add(e.id() + " (" + n + ")");
        }
        return out;
    }

    /** A run's time limit: far above any test class's own limits, to end a JVM that ignores them. */
    static final Duration LIMIT = Duration.ofSeconds(240);

    /**
     * One wrong answer of the corpus: its diff {@code file} and the {@code reference} it applies to.
     * {@code caughtBy} is the test method its first line names ({@code (caught by <method>)}), run first, or null.
     */
    record Variant(String module, String exercise, Path file, String slug, String mistake, String caughtBy, Path reference) {
        Variant(String module, String exercise, Path file, String slug, String mistake) {
            this(module, exercise, file, slug, mistake, null, null);
        }
    }

    /** A wrong answer's first line: the mistake, and optionally the test method that catches it. */
    static final java.util.regex.Pattern FIRST_LINE = java.util.regex.Pattern.compile("# Wrong: (\\S.*?)(?: \\(caught by ([^)]*)\\))?");

    /** What became of it: caught (by which test, saying what), or why not; a corpus error is a file that cannot be tried. */
    record Verdict(Variant variant, boolean caught, String detail, boolean corpusError, double seconds) {}

    private final Path root;
    private Path corpus;

    WrongAnswers(Path root) {
        this.root = root;
        this.corpus = root.resolve("solutions/wrong");
    }

    /** Where the corpus is (solutions/wrong unless told otherwise, e.g. a fixture corpus). */
    void corpus(Path dir) {
        this.corpus = dir;
    }

    /** The corpus that {@code --corpus DIR} names, if it does: refused when it is not a folder. */
    void corpus(Args args) {
        String dir = args.value("--corpus", null);
        if (dir == null) return;
        Path p = Path.of(dir).toAbsolutePath();
        if (!Files.isDirectory(p)) throw new ToolException("--corpus: no such folder " + dir);
        corpus(p);
    }

    /** The corpus folder of a module. */
    Path folder(String module) {
        return corpus.resolve(module);
    }

    /**
     * The command: {@code wrong-answers [module...] [ExNN] [--corpus DIR] [--parallel N]} tries the
     * wrong answers (of one exercise, or of the named modules, or all) and prints every verdict:
     * what a module author runs after writing one. Exits 1 when one is not caught or cannot be tried.
     */
    int run(List<String> rawArgs) throws Exception {
        long start = System.nanoTime();
        Args parsed = Args.parse(rawArgs, Set.of("--corpus", "--parallel"), Set.of());
        int parallel = parsed.number("--parallel", PARALLEL, 1, MAX_PARALLEL);
        corpus(parsed);
        List<String> args = parsed.positionals();
        Exercises.Selection sel = Exercises.select(root, args, System.getProperty("course.modules", ""), null);
        Map<String, ModuleSetup> setups = ModuleSetup.of(root, sel.modules(), System.out);
        Map<String, List<Variant>> byModule = new java.util.LinkedHashMap<>();
        Map<String, List<Verdict>> errorsByModule = new java.util.HashMap<>();
        for (String m : sel.modules()) {
            List<Verdict> errors = new ArrayList<>();
            List<Variant> variants = corpus(m, errors).stream()
                    .filter(v -> sel.exercise() == null || v.exercise().equals(sel.exercise().name())).toList();
            errors.removeIf(e -> sel.exercise() != null && !e.variant().exercise().equals(sel.exercise().name()));
            if (variants.isEmpty() && errors.isEmpty()) continue;
            byModule.put(m, variants);
            errorsByModule.put(m, errors);
        }
        // Live output, module by module: a module's heading and corpus errors come with its first verdict.
        Set<String> shown = new java.util.HashSet<>();
        Consumer<String> heading = m -> {
            if (!shown.add(m)) return;
            System.out.println(m + ": trying " + byModule.get(m).size() + " wrong answers from "
                    + root.relativize(folder(m).toAbsolutePath().normalize()).toString().replace("../", "") + " ...");
            errorsByModule.get(m).forEach(WrongAnswers::print);
        };
        Map<String, List<Verdict>> results = checkAll(setups, byModule, parallel, v -> {
            heading.accept(v.variant().module());
            print(v);
        });
        int tried = 0, bad = 0;
        for (String m : byModule.keySet()) {
            heading.accept(m);
            List<Verdict> all = new ArrayList<>(errorsByModule.get(m));
            if (results.get(m) == null) {
                System.out.println("  the solutions or the tests of " + m + " do not compile: run ./mvnw -q -Pcourse-check -Dcourse.modules=" + m);
                bad++;
            } else {
                all.addAll(results.get(m));
            }
            for (Verdict v : all) {
                tried++;
                if (!v.caught()) bad++;
            }
        }
        System.out.printf("%nwrong-answers: %d tried, %d caught, %d not (%.0f s)%n", tried, tried - bad, bad, (System.nanoTime() - start) / 1e9);
        return bad == 0 ? 0 : 1;
    }

    /** Every wrong answer of {@code module}, by exercise and slug; problems of form land in {@code errors}. */
    List<Variant> corpus(String module, List<Verdict> errors) throws IOException {
        List<Variant> out = new ArrayList<>();
        Path dir = folder(module);
        if (!Files.isDirectory(dir)) return out;
        Map<String, Manifest.Entry> exercises = new java.util.HashMap<>();
        Manifest.read(root, module).exercises().forEach(x -> exercises.put(x.name(), x));
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path f : s.filter(Files::isRegularFile).sorted().toList()) {
                Path rel = dir.relativize(f);
                String name = f.getFileName().toString();
                if (name.equals("README.md") || name.startsWith(".")) continue;
                String exercise = rel.getNameCount() == 2 ? rel.getName(0).toString() : "";
                String slug = name.endsWith(".diff") ? name.substring(0, name.length() - 5) : name;
                Variant v = new Variant(module, exercise, f, slug, "");
                if (rel.getNameCount() != 2 || !name.endsWith(".diff")) {
                    errors.add(new Verdict(v, false, "not where a wrong answer goes: solutions/wrong/" + module + "/<ExNN_Name>/<slug>.diff", true, 0));
                    continue;
                }
                if (!exercises.containsKey(exercise)) {
                    errors.add(new Verdict(v, false, "no exercise " + exercise + " in " + module + "/" + Manifest.FILE, true, 0));
                    continue;
                }
                java.util.regex.Matcher first = FIRST_LINE.matcher(Patch.firstLine(f));
                if (!first.matches()) {
                    errors.add(new Verdict(v, false, "its first line must say the mistake: # Wrong: <the mistake, in one line> (caught by <test method>)", true, 0));
                    continue;
                }
                String caughtBy = first.group(2) == null ? null : first.group(2).strip();
                if (caughtBy != null && !caughtBy.matches("[A-Za-z_$][A-Za-z0-9_$]*")) {
                    errors.add(new Verdict(v, false, "its first line names no test method: (caught by <method name, e.g. closesThePool>)", true, 0));
                    continue;
                }
                Path reference = root.resolve("solutions").resolve(module).resolve("src/main/java").resolve(exercises.get(exercise).path() + ".java");
                out.add(new Variant(module, exercise, f, slug, first.group(1).strip(), caughtBy, reference));
            }
        }
        return out;
    }

    /**
     * The variants of several modules in one pool, {@code parallel} at a time, the modules taking turns
     * in the queue: no module waits for another's slowest run, and a module whose runs mostly wait
     * shares the cores with one whose runs compute. The verdicts come back by module, in the given
     * order; a module maps to null when its solutions or tests do not compile.
     */
    Map<String, List<Verdict>> checkAll(Map<String, ModuleSetup> setups, Map<String, List<Variant>> byModule, int parallel,
                                        Consumer<Verdict> each) throws Exception {
        record Job(Variant variant, Build build, Build.Classes main, Build.Classes tests, String testClass) {}
        Map<String, List<Verdict>> out = new java.util.LinkedHashMap<>();
        List<java.util.Deque<Job>> queues = new ArrayList<>();
        for (var e : byModule.entrySet()) {
            ModuleSetup setup = setups.get(e.getKey());
            Build build = new Build(root, setup);
            Build.Classes main = build.main(ModuleSetup.Tree.SOLUTIONS);
            Build.Classes tests = main.ok() ? build.tests(main, ModuleSetup.Tree.SOLUTIONS) : null;
            if (tests == null || !tests.ok()) {
                out.put(e.getKey(), null);
                continue;
            }
            out.put(e.getKey(), new ArrayList<>());
            Map<String, String> testClasses = new java.util.HashMap<>();
            for (Exercises.Exercise x : Exercises.of(root, setup.module())) testClasses.put(x.name(), x.testClass());
            queues.add(new java.util.ArrayDeque<>(e.getValue().stream()
                    .map(v -> new Job(v, build, main, tests, testClasses.get(v.exercise()))).toList()));
        }
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, parallel), Thread.ofPlatform().name("wrong-answers-", 1).daemon().factory());
        try {
            Map<Variant, Future<Verdict>> futures = new java.util.HashMap<>();
            while (queues.stream().anyMatch(q -> !q.isEmpty())) {
                for (java.util.Deque<Job> q : queues) {
                    Job j = q.poll();
                    if (j != null) futures.put(j.variant(), pool.submit(() -> one(j.build(), j.main(), j.tests(), j.variant(), j.testClass())));
                }
            }
            for (var e : byModule.entrySet()) {
                List<Verdict> verdicts = out.get(e.getKey());
                if (verdicts == null) continue;
                for (Variant v : e.getValue()) {
                    Verdict verdict = futures.get(v).get();
                    verdicts.add(verdict);
                    if (each != null) each.accept(verdict);
                }
            }
            return out;
        } finally {
            pool.shutdownNow();
        }
    }

    private static void print(Verdict v) {
        System.out.printf("  %-12s %s/%s (%.1f s): %s%n", v.caught() ? "caught" : v.corpusError() ? "CORPUS ERROR" : "NOT CAUGHT",
                v.variant().exercise(), v.variant().slug(), v.seconds(), v.detail());
    }

    private Verdict one(Build build, Build.Classes main, Build.Classes tests, Variant v, String testClass) throws Exception {
        long start = System.nanoTime();
        Path work = build.setup().dir().resolve("target/course/wrong").resolve(v.exercise()).resolve(v.slug());
        Path source;
        try {
            source = Patch.apply(v.reference(), v.file(), work.resolve(v.exercise() + ".java"));
        } catch (ToolException e) {
            return new Verdict(v, false, e.getMessage(), true, seconds(start));
        }
        Build.Classes classes = build.variant(main, v.exercise(), source, work);
        if (!classes.ok()) {
            return new Verdict(v, false, "does not compile: " + classes.errors().getFirst().describe(root), true, seconds(start));
        }
        Path log = work.resolve("test.log");
        ModuleSetup setup = build.setup().withJvmArgs(jvmFlags(v));
        TestJvm.Started jvm = TestJvm.start(root, setup, List.of(classes.dir(), work.getParent().resolve("main-without")), tests.dir(), log);
        TestJvm.Outcome outcome = jvm.run(List.of(testClass), v.exercise(), v.caughtBy(), LIMIT);
        return verdict(v, outcome, seconds(start));
    }

    /** The verdict on one run of a variant's test class. */
    static Verdict verdict(Variant v, TestJvm.Outcome outcome, double seconds) {
        Optional<TestJvm.Result> catcher = outcome.results().stream()
                .filter(r -> r.status() == TestResults.Status.FAILED && Caught.by(v.exercise(), r.type(), r.message()))
                .findFirst();
        if (catcher.isPresent()) {
            String name = catcher.get().name();
            String method = name.contains("(") ? name.substring(0, name.indexOf('(')) : name;
            // The "caught by" only orders the run (its test first); a missing or stale one costs time, not the verdict.
            String line = method.startsWith("(") || method.equals(v.caughtBy()) ? ""
                    : v.caughtBy() == null ? " (end its first line with `(caught by " + method + ")`: its runs start with that test)"
                    : " (its first line names " + v.caughtBy() + ": make it `(caught by " + method + ")`)";
            return new Verdict(v, true, name + ": " + Caught.firstLine(catcher.get().message()) + line, false, seconds);
        }
        List<TestJvm.Result> failed = outcome.results().stream().filter(r -> r.status() == TestResults.Status.FAILED).toList();
        if (failed.isEmpty()) {
            long passed = outcome.results().stream().filter(r -> r.status() == TestResults.Status.PASSED).count();
            return new Verdict(v, false, "passes every test of " + v.exercise() + " (" + passed + " passed)", false, seconds);
        }
        List<String> why = failed.stream().limit(3)
                .map(r -> r.name().equals("(class)") ? r.message() : r.name() + " failed with " + Caught.whyNot(v.exercise(), r.type(), r.message()))
                .toList();
        return new Verdict(v, false, "no test failed with a message that teaches: " + String.join("; ", why), false, seconds);
    }

    private static double seconds(long start) {
        return (System.nanoTime() - start) / 1e9;
    }
}
