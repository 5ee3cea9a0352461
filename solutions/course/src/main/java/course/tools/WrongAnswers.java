package course.tools;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.*;
import java.util.concurrent.*;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The wrong-answer corpus, proven: every {@code solutions/wrong/<module>/<ExNN_Name>/<slug>.diff} (the reference plus one mistake, see
 * {@link Patch}) is applied, compiled in place of the solution's class, and its exercise's test class runs against it, in a JVM of its
 * own (a wrong answer may leak threads, spin, hang or exit) killed after {@link #LIMIT}. It is caught when a test fails with a message
 * that teaches ({@link TeachingFailure}); the JVM stops at that first catch.
 */
final class WrongAnswers {

    /** Runs at a time: most of a run is a test waiting out its patience, so more runs than cores keep 2 cores busy. */
    static final int PARALLEL = 6;
    static final int MAX_PARALLEL = 64;
    /** C1 and the serial collector: a run of seconds gains less from C2 and G1 than it pays (a quarter of module-03's CPU). */
    static final List<String> JVM_FLAGS = List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC");
    /** Exercises whose tests catch a lost update by chance in the test's own JVM: they run with the JVM's defaults. */
    static final Set<String> RACED_BY_CHANCE = Set.of("module-04-pitfalls/Ex08_DataRace");
    static final Duration LIMIT = Duration.ofSeconds(240);
    /** A wrong answer's first line: the mistake, and optionally the test that catches it (run first). */
    static final Pattern FIRST_LINE = Pattern.compile("# Wrong: (\\S.*?)(?: \\(caught by ([^)]*)\\))?");

    /** One wrong answer: its diff {@code file}, the {@code reference} it applies to, the test named to run first (or null). */
    record Variant(String module, String exercise, Path file, String slug, String mistake, String caughtBy, Path reference) {
        Variant(String module, String exercise, Path file, String slug, String mistake) {
            this(module, exercise, file, slug, mistake, null, null);
        }
    }

    /** TeachingFailure (by which test, saying what) or why not; a corpus error is a wrong answer that cannot be tried. */
    record Verdict(Variant variant, boolean caught, String detail, boolean corpusError, double seconds) {}

    private final Path root;
    private Path corpus;

    WrongAnswers(Path root) {
        this.root = root;
        this.corpus = root.resolve("solutions/wrong");
    }

    /** The corpus {@code --corpus DIR} names, if it does. */
    void corpus(Args args) {
        String dir = args.value("--corpus", null);
        if (dir != null && !Files.isDirectory(Path.of(dir))) throw new ToolException("--corpus: no such folder " + dir);
        if (dir != null) corpus = Path.of(dir).toAbsolutePath();
    }

    Path folder(String module) { return corpus.resolve(module); }

    static List<String> jvmFlags(Variant v) { return RACED_BY_CHANCE.contains(v.module() + "/" + v.exercise()) ? List.of() : JVM_FLAGS; }

    /** {@code wrong-answers [module...] [ExNN] [--corpus DIR] [--parallel N]}: every verdict, exit 1 when one is not caught. */
    int run(List<String> rawArgs) throws Exception {
        long start = System.nanoTime();
        Args args = Args.parse(rawArgs, Set.of("--corpus", "--parallel"), Set.of());
        int parallel = args.number("--parallel", PARALLEL, 1, MAX_PARALLEL);
        corpus(args);
        Exercises.Selection sel = Exercises.select(root, args.positionals(), System.getProperty("course.modules", ""), null);
        Map<String, ModuleSetup> setups = ModuleSetup.of(root, sel.modules(), System.out);
        Map<String, List<Variant>> byModule = new LinkedHashMap<>();
        Map<String, List<Verdict>> errors = new HashMap<>();
        for (String m : sel.modules()) {
            List<Verdict> bad = new ArrayList<>();
            List<Variant> variants = corpus(m, bad).stream().filter(v -> sel.exercise() == null || v.exercise().equals(sel.exercise().name())).toList();
            bad.removeIf(e -> sel.exercise() != null && !e.variant().exercise().equals(sel.exercise().name()));
            if (variants.isEmpty() && bad.isEmpty()) continue;
            byModule.put(m, variants);
            errors.put(m, bad);
        }
        Set<String> shown = new HashSet<>();
        Consumer<String> heading = m -> {       // a module's heading and corpus errors come with its first verdict
            if (!shown.add(m)) return;
            System.out.println(m + ": trying " + byModule.get(m).size() + " wrong answers from "
                    + root.relativize(folder(m).toAbsolutePath().normalize()).toString().replace("../", "") + " ...");
            errors.get(m).forEach(WrongAnswers::print);
        };
        Map<String, List<Verdict>> results = checkAll(setups, byModule, parallel, v -> {
            heading.accept(v.variant().module());
            print(v);
        });
        int tried = 0, bad = 0;
        for (String m : byModule.keySet()) {
            heading.accept(m);
            List<Verdict> all = new ArrayList<>(errors.get(m));
            if (results.get(m) != null) all.addAll(results.get(m));
            else System.out.println("  the solutions or the tests of " + m + " do not compile: run ./mvnw -q -Dcourse=\"check " + m + "\"");
            tried += all.size();
            bad += (results.get(m) == null ? 1 : 0) + (int) all.stream().filter(v -> !v.caught()).count();
        }
        System.out.printf("%nwrong-answers: %d tried, %d caught, %d not (%.0f s)%n", tried, tried - bad, bad, seconds(start));
        return bad == 0 ? 0 : 1;
    }

    /** Every wrong answer of {@code module}; those not in the corpus's form land in {@code errors}. */
    List<Variant> corpus(String module, List<Verdict> errors) throws IOException {
        List<Variant> out = new ArrayList<>();
        Path dir = folder(module);
        if (!Files.isDirectory(dir)) return out;
        Map<String, Manifest.Entry> exercises = new HashMap<>();
        Manifest.read(root, module).exercises().forEach(x -> exercises.put(x.name(), x));
        for (Path f : Fingerprint.files(dir)) {
            Path rel = dir.relativize(f);
            String name = f.getFileName().toString();
            if (name.equals("README.md") || name.startsWith(".")) continue;
            String exercise = rel.getNameCount() == 2 ? rel.getName(0).toString() : "";
            Variant v = new Variant(module, exercise, f, name.replaceFirst("\\.diff$", ""), "");
            Matcher first = FIRST_LINE.matcher(Patch.firstLine(f));
            String problem = rel.getNameCount() != 2 || !name.endsWith(".diff") ? "not where a wrong answer goes: solutions/wrong/" + module + "/<ExNN_Name>/<slug>.diff"
                    : !exercises.containsKey(exercise) ? "no exercise " + exercise + " in " + module + "/" + Manifest.FILE
                    : !first.matches() ? "its first line must say the mistake: # Wrong: <the mistake, in one line> (caught by <test method>)"
                    : first.group(2) != null && !first.group(2).strip().matches("[A-Za-z_$][\\w$]*") ? "its first line names no test method: (caught by <method name, e.g. closesThePool>)"
                    : null;
            if (problem != null) {
                errors.add(new Verdict(v, false, problem, true, 0));
                continue;
            }
            Path reference = root.resolve("solutions").resolve(module).resolve("src/main/java").resolve(exercises.get(exercise).path() + ".java");
            out.add(new Variant(module, exercise, f, v.slug(), first.group(1).strip(), first.group(2) == null ? null : first.group(2).strip(), reference));
        }
        return out;
    }

    /**
     * The variants of several modules in one pool, {@code parallel} at a time, the modules taking turns in the queue so no module waits
     * for another's slowest run. Verdicts by module, in the given order; null for a module whose solutions or tests do not compile.
     */
    Map<String, List<Verdict>> checkAll(Map<String, ModuleSetup> setups, Map<String, List<Variant>> byModule, int parallel,
                                        Consumer<Verdict> each) throws Exception {
        Map<String, List<Verdict>> out = new LinkedHashMap<>();
        Map<Variant, Callable<Verdict>> jobs = new HashMap<>();
        for (var e : byModule.entrySet()) {
            Build build = new Build(root, setups.get(e.getKey()));
            Build.Classes main = build.main(ModuleSetup.Tree.SOLUTIONS);
            Build.Classes tests = main.ok() ? build.tests(main, ModuleSetup.Tree.SOLUTIONS) : main;
            out.put(e.getKey(), tests.ok() ? new ArrayList<>() : null);
            if (!tests.ok()) continue;
            Map<String, String> testClasses = new HashMap<>();
            for (Exercises.Exercise x : Exercises.of(root, e.getKey())) testClasses.put(x.name(), x.testClass());
            e.getValue().forEach(v -> jobs.put(v, () -> one(build, main, tests, v, testClasses.get(v.exercise()))));
        }
        ExecutorService pool = Executors.newFixedThreadPool(parallel, Thread.ofPlatform().name("wrong-answers-", 1).daemon().factory());
        try {
            Map<Variant, Future<Verdict>> futures = new HashMap<>();
            for (int i = 0; futures.size() < jobs.size(); i++) { // the modules take turns
                for (List<Variant> vs : byModule.values()) {
                    if (i < vs.size() && jobs.containsKey(vs.get(i))) futures.put(vs.get(i), pool.submit(jobs.get(vs.get(i))));
                }
            }
            for (var e : out.entrySet()) {
                for (Variant v : e.getValue() == null ? List.<Variant>of() : byModule.get(e.getKey())) {
                    e.getValue().add(futures.get(v).get());
                    if (each != null) each.accept(e.getValue().getLast());
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
        Build.Classes classes;
        try {
            classes = build.variant(main, v.exercise(), Patch.apply(v.reference(), v.file(), work.resolve("patched").resolve(v.exercise() + ".java")), work);
        } catch (ToolException e) {
            return new Verdict(v, false, e.getMessage(), true, seconds(start));
        }
        if (!classes.ok()) return new Verdict(v, false, "does not compile: " + classes.errors().getFirst().describe(root), true, seconds(start));
        TestJvm.Started jvm = TestJvm.start(root, build.setup().withJvmArgs(jvmFlags(v)), List.of(classes.dir(), work.getParent().resolve("main-without")),
                tests.dir(), work.resolve("test.log"));
        return verdict(v, jvm.run(List.of(testClass), v.exercise(), v.caughtBy(), LIMIT), seconds(start));
    }

    /** The verdict on one run of a variant's test class. */
    static Verdict verdict(Variant v, TestJvm.Outcome outcome, double seconds) {
        List<TestJvm.Result> failed = outcome.results().stream().filter(r -> r.status() == TestResults.Status.FAILED).toList();
        var catcher = failed.stream().filter(r -> TeachingFailure.by(v.exercise(), r.type(), r.message())).findFirst();
        if (catcher.isPresent()) {
            String name = catcher.get().name();
            String method = name.replaceFirst("\\(.*", "");
            // "caught by" only orders the run: a missing or stale one costs time, not the verdict.
            String line = method.equals(v.caughtBy()) ? ""
                    : v.caughtBy() == null ? " (end its first line with `(caught by " + method + ")`: its runs start with that test)"
                    : " (its first line names " + v.caughtBy() + ": make it `(caught by " + method + ")`)";
            return new Verdict(v, true, name + ": " + TeachingFailure.firstLine(catcher.get().message()) + line, false, seconds);
        }
        if (failed.isEmpty()) {
            long passed = outcome.results().stream().filter(r -> r.status() == TestResults.Status.PASSED).count();
            return new Verdict(v, false, "passes every test of " + v.exercise() + " (" + passed + " passed)", false, seconds);
        }
        List<String> why = failed.stream().limit(3).map(r -> r.name().equals("(class)") ? r.message()
                : r.name() + " failed with " + TeachingFailure.whyNot(v.exercise(), r.type(), r.message())).toList();
        return new Verdict(v, false, "no test failed with a message that teaches: " + String.join("; ", why), false, seconds);
    }

    static double seconds(long start) { return (System.nanoTime() - start) / 1e9; }
}
