package course.tools;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.*;
import java.time.Duration;
import java.util.*;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * The fast test engine's test JVM: the tools' own {@code java} with what surefire would give it (class
 * path, argLine, -ea, system properties, working directory) running TestRunner on the named test classes.
 * A JVM that outlives its time limit is killed with its descendants; one that ends early fails the classes
 * it did not finish. {@link #start} starts it before the tests are known (the launcher loads while the
 * caller compiles); {@link Started#run} hands it the classes.
 */
final class TestJvm {

    /** The outcome of one test. {@code name} is "(class)" for a failure of the whole class. */
    record Result(String testClass, String name, TestResults.Status status, String type, String message) {
        String exercise() {
            return TestResults.exerciseOf(testClass);
        }

        TestResults.Outcome outcome() {
            return new TestResults.Outcome(testClass, name, status, message);
        }

        /** "T class name status type message", tab-separated: what TestRunner writes and the progress cache keeps. */
        String line() {
            return String.join("\t", "T", Tsv.escape(testClass), Tsv.escape(name), status.name(), Tsv.escape(type), Tsv.escape(message));
        }

        /** The result {@link #line} wrote, or null for any other line (one of another version of the tools too). */
        static Result of(String line) {
            String[] f = line.split("\t", -1);
            if (f.length != 6 || !f[0].equals("T")) return null;
            try {
                return new Result(Tsv.unescape(f[1]), Tsv.unescape(f[2]), TestResults.Status.valueOf(f[3]), Tsv.unescape(f[4]), Tsv.unescape(f[5]));
            } catch (IllegalArgumentException notAStatus) {
                return null;
            }
        }
    }

    /** What one JVM did: a result per test, whether it stopped at a caught wrong answer, and why it ended early if it did. */
    record Outcome(List<Result> results, boolean caught, String ended, Path log) {
        boolean complete() {
            return ended.isEmpty();
        }
    }

    /** Every JVM still running, so that Ctrl-C (a shutdown hook) can end them all. */
    private static final Set<Process> LIVE = ConcurrentHashMap.newKeySet();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(TestJvm::killAll, "course-test-jvm-reaper"));
    }

    private TestJvm() {}

    static void killAll() {
        LIVE.forEach(TestJvm::kill);
    }

    /** Starts a test JVM with the classes of {@code testDir} and {@code mainDirs} ahead of the module's libraries; its output goes to {@code log}. */
    static Started start(Path root, ModuleSetup setup, List<Path> mainDirs, Path testDir, Path log) throws IOException {
        Files.createDirectories(log.getParent());
        Path results = log.resolveSibling(log.getFileName() + ".results");
        Files.deleteIfExists(results);
        // Surefire's class path: test classes, main classes (with their resources), then the libraries.
        List<Path> dirs = new ArrayList<>(List.of(testDir));
        dirs.addAll(setup.testResources().stream().filter(Files::isDirectory).toList());
        dirs.addAll(mainDirs);
        dirs.addAll(setup.mainResources().stream().filter(Files::isDirectory).toList());
        List<Path> jars = new ArrayList<>(setup.testClasspath());
        jars.addAll(setup.launcher());
        jars.add(runnerJar(root, setup));
        // The JVM's own class path holds the jars only (the AOT cache can keep their classes); the
        // runner loads the folders, listed in a file, first, with a class loader of its own.
        Path argFile = log.resolveSibling(log.getFileName() + ".args");
        Files.writeString(argFile, "-cp\n\"" + Javac.classPath(jars).replace("\\", "\\\\").replace("\"", "\\\"") + "\"\n");
        Path folders = log.resolveSibling(log.getFileName() + ".folders");
        Files.write(folders, dirs.stream().map(Path::toString).toList());
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        cmd.addAll(setup.jvmArgs());
        cmd.add("-Dbasedir=" + setup.dir());
        setup.systemProperties().forEach((k, v) -> cmd.add("-D" + k + "=" + v));
        Aot.Use aot = Aot.use(setup, jars);
        cmd.addAll(aot.flags());
        cmd.addAll(List.of("@" + argFile, "course.tools.TestRunner", results.toString(), folders.toString()));
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(setup.workingDirectory().toFile())
                .redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().putAll(setup.environment());
        Process p = pb.start();
        LIVE.add(p);
        p.onExit().thenAccept(ended -> aot.finish(ended.exitValue()));
        return new Started(p, results, log);
    }

    /** A test JVM waiting for the classes to run. */
    record Started(Process process, Path results, Path log) {
        boolean alive() {
            return process.isAlive();
        }

        /** Runs {@code testClasses} in order, within {@code limit}; {@code stopWhenCaught} names an exercise or is null. */
        Outcome run(List<String> testClasses, String stopWhenCaught, Duration limit) throws IOException, InterruptedException {
            return run(testClasses, stopWhenCaught, null, limit);
        }

        /** As above; with {@code stopWhenCaught}, the tests of method {@code first} (if not null) run first, alone. */
        Outcome run(List<String> testClasses, String stopWhenCaught, String first, Duration limit) throws IOException, InterruptedException {
            StringBuilder spec = new StringBuilder();
            testClasses.forEach(c -> spec.append("class ").append(c).append('\n'));
            if (stopWhenCaught != null) spec.append("stop-when-caught ").append(stopWhenCaught).append('\n');
            if (first != null) spec.append("first ").append(first).append('\n');
            String ended = "";
            try (OutputStream in = process.getOutputStream()) {
                in.write((spec + "go\n").getBytes(StandardCharsets.UTF_8));
            } catch (IOException e) {
                ended = "the test JVM ended before it was given its tests (see " + log + ")";
            }
            try {
                if (!process.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS)) {
                    ended = "the tests did not finish within " + limit.toSeconds() + " s, so their JVM was stopped";
                }
            } finally {
                discard();
            }
            List<String> lines = Files.exists(results) ? Files.readAllLines(results, StandardCharsets.UTF_8) : List.of();
            return parse(lines, testClasses, ended, process.isAlive() ? "none" : Integer.toString(process.exitValue()), log);
        }

        /** Ends this JVM (unused, or done). */
        void discard() {
            if (process.isAlive()) kill(process);
            LIVE.remove(process);
        }
    }

    /** Reads TestRunner's lines. Without END ({@code endedEarly} says why), each class not finished fails, as surefire's do when a fork dies. */
    static Outcome parse(List<String> lines, List<String> testClasses, String endedEarly, String exitStatus, Path log) {
        Map<String, Result> byKey = new LinkedHashMap<>();
        List<String> finished = new ArrayList<>();
        boolean end = false, caught = false;
        for (String l : lines) {
            Result r = Result.of(l);
            if (r != null) byKey.putIfAbsent(r.testClass() + "#" + r.name(), r);
            else if (l.startsWith("E\t")) finished.add(Tsv.unescape(l.substring(2)));
            else if (l.equals("END") || l.equals("END\tcaught")) {
                end = true;
                caught = l.endsWith("caught");
            }
        }
        List<Result> out = new ArrayList<>(byKey.values());
        if (end) return new Outcome(out, caught, "", log);
        String ended = !endedEarly.isEmpty() ? endedEarly
                : "the test JVM ended before its tests did (exit status " + exitStatus + "; System.exit or a crash in the code under test?)";
        for (String c : testClasses) {
            if (!finished.contains(c)) out.add(new Result(c, "(class)", TestResults.Status.FAILED, "", ended));
        }
        return new Outcome(out, false, ended, log);
    }

    /** Kills a process and everything it started. */
    private static void kill(Process p) {
        ProcessTree.killAll(p.toHandle(), null);
        try {
            p.waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** TestRunner and the tools' classes in one jar, compiled against the module's JUnit Platform when it or the tools changed. */
    private static synchronized Path runnerJar(Path root, ModuleSetup setup) throws IOException {
        Path tools;
        try {
            tools = Path.of(TestJvm.class.getProtectionDomain().getCodeSource().getLocation().toURI()); // target/course-tools/classes
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        Path sources = root.resolve(".course/src/runner/java");
        List<Path> cp = new ArrayList<>(setup.launcher());
        setup.testClasspath().stream().filter(p -> p.getFileName().toString().startsWith("junit-platform-")).forEach(cp::add);
        cp.add(tools);
        String key = new Fingerprint().add("runner 3").add(Runtime.version().toString()).add(cp.stream().map(Path::toString).toList())
                .tree(sources, ".java").tree(tools, ".class").hex().substring(0, 16);
        Path jar = root.resolve("target/course/runner").resolve(key + ".jar");
        if (Files.exists(jar)) return jar;
        Files.createDirectories(jar.getParent());
        Path classes = Files.createTempDirectory(jar.getParent(), "runner-");
        try {
            List<Javac.Problem> problems = Javac.compile(Fingerprint.files(sources, ".java"), classes, cp, List.of(), "", List.of());
            if (!problems.isEmpty()) {
                throw new ToolException("The course tools' test runner does not compile: " + problems.getFirst().describe(root));
            }
            Path tmp = jar.resolveSibling(key + "-" + ProcessHandle.current().pid() + ".tmp");
            // A fixed date: the same bytes every time (the AOT cache checks the jar).
            int status = java.util.spi.ToolProvider.findFirst("jar").orElseThrow().run(System.out, System.err, "--create", "--file", tmp.toString(),
                    "--date", "1980-01-02T00:00:00Z", "-C", classes.toString(), ".", "-C", tools.toString(), ".");
            if (status != 0) throw new IOException("jar could not pack the test runner into " + tmp);
            Files.move(tmp, jar, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Course.deleteTree(classes);
        }
        return jar;
    }
}
