package course.tools;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.*;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Runs a module's tests against the learner's code with the fast engine (Build, TestJvm) and
 * remembers each exercise's results in {@code <module>/target/course/progress.tsv} under a key of
 * everything they depend on ({@link #key}): an exercise whose key did not change is not run again.
 */
record LearnerTests(Path root, ModuleSetup setup) {

    /** Surefire's backstop for one module's test JVM (the root pom's course.fork.timeout). */
    static final Duration LIMIT = Duration.ofSeconds(600);

    /** A module's state: each exercise's results (in the order asked), or the compile errors that kept its tests from running. */
    record State(String module, List<Exercises.Exercise> exercises, Map<String, List<TestJvm.Result>> results,
                 List<Javac.Problem> compileErrors, boolean testsDoNotCompile, Set<String> ranNow, String ended) {
        boolean compiles() {
            return compileErrors.isEmpty();
        }

        boolean done(String exercise) {
            List<TestJvm.Result> r = results.get(exercise);
            return compiles() && r != null && !r.isEmpty() && r.stream().allMatch(x -> x.status() == TestResults.Status.PASSED);
        }

        long passing() {
            return results.values().stream().flatMap(List::stream).filter(x -> x.status() == TestResults.Status.PASSED).count();
        }

        long tests() {
            return results.values().stream().mapToLong(List::size).sum();
        }
    }

    /** One exercise's remembered results and the key they were run under. */
    record Cached(String key, List<TestJvm.Result> results) {}

    /** The state of {@code wanted} (exercises of this module): tests run for those whose key changed (all when {@code fresh}). */
    State run(List<Exercises.Exercise> wanted, boolean fresh, PrintStream say) throws Exception {
        return run(wanted, fresh, say, null);
    }

    /** As above, with {@code waiting} a test JVM started ahead by {@link #startJvm}, or null; one not used is discarded. */
    State run(List<Exercises.Exercise> wanted, boolean fresh, PrintStream say, TestJvm.Started waiting) throws Exception {
        try {
            return runWith(wanted, fresh, say, waiting);
        } finally {
            if (waiting != null) waiting.discard();
        }
    }

    /** A test JVM for this module's learner build, started now, to be handed to {@link #run} later. */
    TestJvm.Started startJvm() throws IOException {
        Build build = new Build(root, setup);
        String label = Build.label(ModuleSetup.Tree.LEARNER);
        return TestJvm.start(root, setup, List.of(build.mainDir(label)), build.testDir(label), log("watch"));
    }

    private State runWith(List<Exercises.Exercise> wanted, boolean fresh, PrintStream say, TestJvm.Started waiting) throws Exception {
        String module = setup.module();
        Map<String, Cached> cache = readCache();
        Map<String, String> keys = new HashMap<>();
        Map<String, List<TestJvm.Result>> results = new LinkedHashMap<>(); // in the order asked for
        List<Exercises.Exercise> stale = new ArrayList<>();
        for (Exercises.Exercise e : wanted) {
            keys.put(e.name(), key(e));
            Cached c = fresh ? null : cache.get(e.name());
            results.put(e.name(), c != null && c.key().equals(keys.get(e.name())) ? c.results() : null);
            if (results.get(e.name()) == null) stale.add(e);
        }
        Build build = new Build(root, setup);
        Build.Classes main = build.main(ModuleSetup.Tree.LEARNER);
        if (!main.ok()) return new State(module, wanted, Map.of(), main.errors(), false, Set.of(), "");
        if (stale.isEmpty()) return new State(module, wanted, results, List.of(), false, Set.of(), "");
        Build.Classes tests = build.tests(main, ModuleSetup.Tree.LEARNER);
        if (!tests.ok()) return new State(module, wanted, Map.of(), tests.errors(), true, Set.of(), "");
        if (say != null) say.println("  running " + (stale.size() == 1 ? stale.getFirst().name() : stale.size() + " exercises") + " of " + module + " ...");
        TestJvm.Started jvm = waiting != null && waiting.alive() ? waiting : TestJvm.start(root, setup, List.of(main.dir()), tests.dir(), log("tests"));
        TestJvm.Outcome outcome = jvm.run(stale.stream().map(Exercises.Exercise::testClass).toList(), null, LIMIT);
        for (Exercises.Exercise e : stale) {
            List<TestJvm.Result> r = new ArrayList<>(outcome.results().stream().filter(x -> x.exercise().equals(e.name())).toList());
            if (r.isEmpty()) r.add(new TestJvm.Result(e.testClass(), "(class)", TestResults.Status.FAILED, "", "no test of " + e.name() + " ran"));
            results.put(e.name(), r);
            // A JVM that was killed or died says nothing about the exercises it did not finish: not remembered.
            if (outcome.complete() || r.stream().noneMatch(x -> x.name().equals("(class)"))) cache.put(e.name(), new Cached(keys.get(e.name()), r));
        }
        StringBuilder b = new StringBuilder();
        cache.forEach((exercise, c) -> {
            b.append("X\t").append(exercise).append('\t').append(c.key()).append('\n');
            c.results().forEach(r -> b.append(r.line()).append('\n'));
        });
        Course.writeAtomically(cacheFile(), b.toString());
        return new State(module, wanted, results, List.of(), false,
                new LinkedHashSet<>(stale.stream().map(Exercises.Exercise::name).toList()), outcome.ended());
    }

    private Path log(String what) {
        return root.resolve("target/course/logs").resolve(setup.module() + "-" + what + ".log");
    }

    /** The cached state, without compiling or running anything: null for an exercise not known or changed. */
    List<TestJvm.Result> cached(Exercises.Exercise e) throws IOException {
        Cached c = readCache().get(e.name());
        return c != null && c.key().equals(key(e)) ? c.results() : null;
    }

    private static final Pattern EXERCISE_NAME = Pattern.compile("\\bEx\\d\\d_\\w+");

    /**
     * Everything an exercise's results depend on: its own source and test, the module's shared sources
     * (main files that are not exercises, src/given/java, test support, resources), the exercises its files name, the set-up.
     */
    String key(Exercises.Exercise e) throws IOException {
        Fingerprint f = new Fingerprint().add("progress 3").add(Runtime.version().toString())
                .add(ModuleSetup.key(root, setup.module())).add(setup.jvmArgs());
        Path main = setup.mainSources();
        List<Path> mainFiles = Fingerprint.files(main, ".java");
        Set<String> own = new HashSet<>(Set.of(e.name()));
        List<Path> ownFiles = new ArrayList<>(mainFiles.stream().filter(p -> stem(p).equals(e.name())).toList());
        setup.testSources().forEach(r -> ownFiles.add(r.resolve(e.testClass().replace('.', '/') + ".java")));
        for (Path p : ownFiles) {
            if (Files.exists(p)) own.addAll(namedExercises(Files.readString(p, StandardCharsets.UTF_8)));
        }
        for (Path p : mainFiles) {
            if (!stem(p).matches("Ex\\d\\d_\\w+") || own.contains(stem(p))) f.file(main, p);
        }
        for (Path r : setup.extraMainSources()) f.add(r.toString()).tree(r);
        for (Path r : setup.mainResources()) f.add(r.toString()).tree(r);
        for (Path r : setup.testResources()) f.add(r.toString()).tree(r);
        for (Path r : setup.testSources()) {
            for (Path p : Fingerprint.files(r, ".java")) {
                String stem = stem(p);
                if (!stem.matches("Ex\\d\\d_\\w+Test") || own.contains(stem.substring(0, stem.length() - 4))) f.file(r, p);
            }
        }
        return f.hex();
    }

    /** The exercises a source names (a test's name counts as its exercise's). */
    static Set<String> namedExercises(String source) {
        Set<String> out = new LinkedHashSet<>();
        Matcher m = EXERCISE_NAME.matcher(source);
        while (m.find()) out.add(m.group().replaceFirst("Test$", ""));
        return out;
    }

    private static String stem(Path p) {
        return p.getFileName().toString().replaceFirst("\\.java$", "");
    }

    private Path cacheFile() {
        return setup.dir().resolve("target/course/progress.tsv");
    }

    Map<String, Cached> readCache() throws IOException {
        return readCacheFile(cacheFile());
    }

    /** A module's progress.tsv: per exercise, "X TAB exercise TAB key", then its result lines (TestJvm.Result#line). */
    static Map<String, Cached> readCacheFile(Path file) throws IOException {
        Map<String, Cached> out = new LinkedHashMap<>();
        if (!Files.exists(file)) return out;
        List<TestJvm.Result> results = null;
        for (String l : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            String[] f = l.split("\t", -1);
            if (f[0].equals("X") && f.length == 3) {
                results = new ArrayList<>();
                out.put(f[1], new Cached(f[2], results));
            } else if (results != null) {
                results.add(TestJvm.Result.of(l));
            }
        }
        // Lines of another version of the tools are left out: their key will not match either.
        out.replaceAll((exercise, c) -> new Cached(c.key(), c.results().stream().filter(Objects::nonNull).toList()));
        return out;
    }
}
