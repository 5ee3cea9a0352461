package course.tools;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Runs a module's tests against the learner's code with the fast engine (Build, TestJvm), one
 * exercise's test class or several, and remembers each exercise's results in
 * {@code <module>/target/course/progress.tsv} under a key of everything they depend on: the
 * exercise's own source and test, the module's shared sources (every main file that is not an
 * exercise, src/given/java and the like, the test support classes and resources), the other
 * exercises its files name, and the build set-up. An exercise whose key did not change is not
 * run again; a module whose main sources did not change is not compiled again.
 */
final class LearnerTests {

    /** Surefire's backstop for one module's test JVM (the root pom's course.fork.timeout). */
    static final Duration LIMIT = Duration.ofSeconds(600);

    /** A module's state: each exercise's results, or the compile errors that kept its tests from running. */
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

    private final Path root;
    private final Build build;
    private final ModuleSetup setup;

    LearnerTests(Path root, ModuleSetup setup) {
        this.root = root;
        this.setup = setup;
        this.build = new Build(root, setup);
    }

    /**
     * The state of {@code wanted} (exercises of this module): compiled when the main sources
     * changed, tests run for the exercises whose key changed (all of them when {@code fresh}).
     */
    State run(List<Exercises.Exercise> wanted, boolean fresh, PrintStream say) throws Exception {
        return run(wanted, fresh, say, null);
    }

    /**
     * As above, with {@code waiting} a test JVM started ahead (by {@link #startJvm}) for this
     * module's learner build, or null. A JVM that is not used is discarded.
     */
    State run(List<Exercises.Exercise> wanted, boolean fresh, PrintStream say, TestJvm.Started waiting) throws Exception {
        try {
            return runWith(wanted, fresh, say, waiting);
        } finally {
            if (waiting != null && waiting.alive()) waiting.discard();
        }
    }

    /** A test JVM for this module's learner build, started now, to be handed to {@link #run} later. */
    TestJvm.Started startJvm() throws IOException {
        String label = ModuleSetup.Tree.LEARNER.name().toLowerCase();
        return TestJvm.start(root, setup, List.of(build.mainDir(label)), build.testDir(label),
                root.resolve("target/course/logs").resolve(setup.module() + "-watch.log"));
    }

    private State runWith(List<Exercises.Exercise> wanted, boolean fresh, PrintStream say, TestJvm.Started waiting) throws Exception {
        String module = setup.module();
        Map<String, String> keys = new LinkedHashMap<>();
        for (Exercises.Exercise e : wanted) keys.put(e.name(), key(e));
        Map<String, Cached> cache = readCache();
        Map<String, List<TestJvm.Result>> results = new LinkedHashMap<>();
        List<Exercises.Exercise> stale = new ArrayList<>();
        for (Exercises.Exercise e : wanted) {
            Cached c = cache.get(e.name());
            if (!fresh && c != null && c.key().equals(keys.get(e.name()))) results.put(e.name(), c.results());
            else stale.add(e);
        }
        Build.Classes main = build.main(ModuleSetup.Tree.LEARNER);
        if (!main.ok()) {
            return new State(module, wanted, Map.of(), main.errors(), false, Set.of(), "");
        }
        if (stale.isEmpty()) {
            return new State(module, wanted, results, List.of(), false, Set.of(), "");
        }
        Build.Classes tests = build.tests(main, ModuleSetup.Tree.LEARNER);
        if (!tests.ok()) {
            return new State(module, wanted, Map.of(), tests.errors(), true, Set.of(), "");
        }
        if (say != null) {
            say.println("  running " + (stale.size() == 1 ? stale.getFirst().name() : stale.size() + " exercises") + " of " + module + " ...");
        }
        Path log = root.resolve("target/course/logs").resolve(module + "-tests.log");
        TestJvm.Started jvm = waiting != null && waiting.alive() ? waiting : TestJvm.start(root, setup, List.of(main.dir()), tests.dir(), log);
        TestJvm.Outcome outcome = jvm.run(stale.stream().map(Exercises.Exercise::testClass).toList(), null, LIMIT);
        Map<String, List<TestJvm.Result>> ran = new LinkedHashMap<>();
        for (Exercises.Exercise e : stale) ran.put(e.name(), new ArrayList<>());
        for (TestJvm.Result r : outcome.results()) {
            List<TestJvm.Result> list = ran.get(r.exercise());
            if (list != null) list.add(r);
        }
        for (Exercises.Exercise e : stale) {
            List<TestJvm.Result> r = ran.get(e.name());
            if (r.isEmpty()) r.add(new TestJvm.Result(e.testClass(), "(class)", TestResults.Status.FAILED, "", "no test of " + e.name() + " ran"));
            results.put(e.name(), r);
            // A JVM that was killed or died says nothing about the exercises it did not finish: not remembered.
            boolean unfinished = r.stream().anyMatch(x -> x.name().equals("(class)") && !outcome.complete());
            if (!unfinished) cache.put(e.name(), new Cached(keys.get(e.name()), r));
        }
        writeCache(cache);
        Map<String, List<TestJvm.Result>> ordered = new LinkedHashMap<>();
        for (Exercises.Exercise e : wanted) ordered.put(e.name(), results.get(e.name()));
        return new State(module, wanted, ordered, List.of(), false,
                new LinkedHashSet<>(stale.stream().map(Exercises.Exercise::name).toList()), outcome.ended());
    }

    /** The cached state, without compiling or running anything: null for an exercise not known or changed. */
    List<TestJvm.Result> cached(Exercises.Exercise e) throws IOException {
        Cached c = readCache().get(e.name());
        return c != null && c.key().equals(key(e)) ? c.results() : null;
    }

    // ---- the key of an exercise's results

    private static final Pattern EXERCISE_NAME = Pattern.compile("\\bEx\\d\\d_\\w+");

    /** Everything an exercise's results depend on (see the class comment). */
    String key(Exercises.Exercise e) throws IOException {
        Fingerprint f = new Fingerprint().add("progress 2").add(Runtime.version().toString());
        f.add(ModuleSetup.key(root, setup.module())).add(setup.jvmArgs());
        Path main = setup.mainSources();
        List<Path> mainFiles = Fingerprint.files(main, ".java");
        Set<String> own = new LinkedHashSet<>();
        own.add(e.name());
        // The exercise's own files and the exercises they name (rarely any).
        Path test = root.resolve(setup.module()).resolve("src/test/java").resolve(e.testClass().replace('.', '/') + ".java");
        for (Path p : List.of(test)) {
            if (Files.exists(p)) own.addAll(namedExercises(Files.readString(p, StandardCharsets.UTF_8)));
        }
        for (Path p : mainFiles) {
            if (stem(p).equals(e.name())) own.addAll(namedExercises(Files.readString(p, StandardCharsets.UTF_8)));
        }
        for (Path p : mainFiles) {
            String stem = stem(p);
            boolean exercise = stem.matches("Ex\\d\\d_\\w+");
            if (!exercise || own.contains(stem)) f.file(main, p);
        }
        for (Path r : setup.extraMainSources()) f.add(r.toString()).tree(r);
        for (Path r : setup.mainResources()) f.add(r.toString()).tree(r);
        for (Path r : setup.testResources()) f.add(r.toString()).tree(r);
        for (Path r : setup.testSources()) {
            for (Path p : Fingerprint.files(r, ".java")) {
                String stem = stem(p);
                boolean exerciseTest = stem.matches("Ex\\d\\d_\\w+Test");
                if (!exerciseTest || own.contains(stem.substring(0, stem.length() - 4))) f.file(r, p);
            }
        }
        return f.hex();
    }

    static Set<String> namedExercises(String source) {
        Set<String> out = new LinkedHashSet<>();
        Matcher m = EXERCISE_NAME.matcher(source);
        while (m.find()) {
            String n = m.group();
            out.add(n.endsWith("Test") ? n.substring(0, n.length() - 4) : n);
        }
        return out;
    }

    private static String stem(Path p) {
        String n = p.getFileName().toString();
        int dot = n.lastIndexOf('.');
        return dot < 0 ? n : n.substring(0, dot);
    }

    // ---- the cache file: "X exercise key" then that exercise's result lines

    record Cached(String key, List<TestJvm.Result> results) {}

    private Path cacheFile() {
        return setup.dir().resolve("target/course/progress.tsv");
    }

    Map<String, Cached> readCache() throws IOException {
        return readCacheFile(cacheFile());
    }

    static Map<String, Cached> readCacheFile(Path file) throws IOException {
        Map<String, Cached> out = new LinkedHashMap<>();
        if (!Files.exists(file)) return out;
        String exercise = null;
        String key = null;
        List<TestJvm.Result> results = null;
        for (String l : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            String[] f = l.split("\t", -1);
            if (f[0].equals("X") && f.length == 3) {
                if (exercise != null) out.put(exercise, new Cached(key, results));
                exercise = f[1];
                key = f[2];
                results = new ArrayList<>();
            } else if (f[0].equals("T") && f.length == 6 && results != null) {
                try {
                    results.add(new TestJvm.Result(Tsv.unescape(f[1]), Tsv.unescape(f[2]), TestResults.Status.valueOf(f[3]),
                            Tsv.unescape(f[4]), Tsv.unescape(f[5])));
                } catch (IllegalArgumentException ignored) {
                    // a line from another version of the tools: the key will not match either
                }
            }
        }
        if (exercise != null) out.put(exercise, new Cached(key, results));
        return out;
    }

    private void writeCache(Map<String, Cached> cache) throws IOException {
        StringBuilder b = new StringBuilder();
        cache.forEach((exercise, c) -> {
            b.append("X\t").append(exercise).append('\t').append(c.key()).append('\n');
            for (TestJvm.Result r : c.results()) {
                b.append(String.join("\t", "T", Tsv.escape(r.testClass()), Tsv.escape(r.name()), r.status().name(),
                        Tsv.escape(r.type()), Tsv.escape(r.message()))).append('\n');
            }
        });
        Path file = cacheFile();
        Files.createDirectories(file.getParent());
        Path tmp = file.resolveSibling(file.getFileName() + "." + ProcessHandle.current().pid());
        Files.writeString(tmp, b.toString(), StandardCharsets.UTF_8);
        Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }
}
