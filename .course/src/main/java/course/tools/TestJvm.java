package course.tools;

import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
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
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * The fast test engine's test JVM: a fresh {@code java} (the JDK running the tools, i.e. the one
 * the build found) with what surefire would give it (the module's class path, argLine, -ea,
 * system properties, working directory) running TestRunner, the JUnit Platform Launcher, on the
 * named test classes. Each test's result is read back from a file the runner flushes per test.
 * A JVM that outlives its time limit is killed with all its descendants; one that exits early
 * (System.exit, a crash) or is killed fails the classes it did not finish.
 *
 * <p>{@link #start} starts the JVM before the tests are known: the launcher loads while the
 * caller compiles, and {@link Started#run} hands it the classes (watch mode keeps one waiting).
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

    static void killAll() {
        for (Process p : LIVE) kill(p);
    }

    private TestJvm() {}

    /**
     * Starts a test JVM for {@code setup} with {@code classpathDirs} (main and test classes, in
     * order) ahead of the module's resources and libraries. Its output goes to {@code log}.
     */
    static Started start(Path root, ModuleSetup setup, List<Path> mainDirs, Path testDir, Path log) throws IOException {
        Path runner = Runner.jar(root, setup);
        Files.createDirectories(log.getParent());
        Path results = log.resolveSibling(log.getFileName() + ".results");
        Files.deleteIfExists(results);
        // Surefire's class path: test classes, main classes (with their resources), then the libraries.
        List<Path> dirs = new ArrayList<>();
        dirs.add(testDir);
        dirs.addAll(setup.testResources().stream().filter(Files::isDirectory).toList());
        dirs.addAll(mainDirs);
        dirs.addAll(setup.mainResources().stream().filter(Files::isDirectory).toList());
        List<Path> jars = new ArrayList<>(setup.testClasspath());
        jars.addAll(setup.launcher());
        jars.add(runner);
        List<Path> all = new ArrayList<>(dirs);
        all.addAll(jars);
        // The JVM's own class path holds the jars only (the AOT cache can keep their classes); the
        // runner loads the folders, first, with a class loader of its own.
        Path argFile = log.resolveSibling(log.getFileName() + ".args");
        Files.writeString(argFile, "-cp\n" + quote(join(jars)) + "\n");
        Path paths = log.resolveSibling(log.getFileName() + ".paths");
        List<String> pathLines = new ArrayList<>();
        pathLines.add(join(all));
        dirs.forEach(d -> pathLines.add(d.toString()));
        Files.write(paths, pathLines, StandardCharsets.UTF_8);

        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(setup.jvmArgs());
        cmd.add("-Dbasedir=" + setup.dir());
        setup.systemProperties().forEach((k, v) -> cmd.add("-D" + k + "=" + v));
        Aot.Use aot = Aot.use(setup, jars);
        cmd.addAll(aot.flags());
        cmd.add("@" + argFile);
        cmd.add("course.tools.TestRunner");
        cmd.add(results.toString());
        cmd.add(paths.toString());
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(setup.workingDirectory().toFile())
                .redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().putAll(setup.environment());
        Process p = pb.start();
        LIVE.add(p);
        p.onExit().thenAccept(ended -> aot.finish(ended.exitValue()));
        return new Started(p, results, log);
    }

    private static String join(List<Path> paths) {
        return String.join(File.pathSeparator, paths.stream().map(Path::toString).toList());
    }

    /** A test JVM waiting for the classes to run. */
    static final class Started {
        private final Process process;
        private final Path results;
        private final Path log;

        private Started(Process process, Path results, Path log) {
            this.process = process;
            this.results = results;
            this.log = log;
        }

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
            spec.append("go\n");
            String ended = "";
            try (OutputStream in = process.getOutputStream()) {
                in.write(spec.toString().getBytes(StandardCharsets.UTF_8));
            } catch (IOException e) {
                ended = "the test JVM ended before it was given its tests (see " + log + ")";
            }
            try {
                if (!process.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS)) {
                    kill(process);
                    ended = "the tests did not finish within " + limit.toSeconds() + " s, so their JVM was stopped";
                }
            } finally {
                if (process.isAlive()) kill(process);
                LIVE.remove(process);
            }
            return read(testClasses, ended);
        }

        /** Ends this JVM unused. */
        void discard() {
            kill(process);
            LIVE.remove(process);
        }

        private Outcome read(List<String> testClasses, String endedEarly) throws IOException {
            List<String> lines = Files.exists(results) ? Files.readAllLines(results, StandardCharsets.UTF_8) : List.of();
            return parse(lines, testClasses, endedEarly, exitStatus(), log);
        }

        private String exitStatus() {
            try {
                return Integer.toString(process.exitValue());
            } catch (IllegalThreadStateException e) {
                return "none";
            }
        }
    }

    /**
     * Reads a runner's result lines (see TestRunner). When the JVM did not get to the end
     * ({@code endedEarly} says why, or the lines have no END), every class it did not finish fails
     * with that reason, as surefire fails the tests of a fork that died.
     */
    static Outcome parse(List<String> lines, List<String> testClasses, String endedEarly, String exitStatus, Path log) {
        Map<String, Result> byKey = new LinkedHashMap<>();
        Set<String> finished = new LinkedHashSet<>();
        boolean end = false, caught = false;
        for (String l : lines) {
            String[] f = l.split("\t", -1);
            switch (f[0]) {
                case "T" -> {
                    if (f.length < 6) continue;
                    Result r = new Result(Tsv.unescape(f[1]), Tsv.unescape(f[2]), TestResults.Status.valueOf(f[3]), Tsv.unescape(f[4]), Tsv.unescape(f[5]));
                    byKey.putIfAbsent(r.testClass() + "#" + r.name(), r);
                }
                case "E" -> finished.add(Tsv.unescape(f[1]));
                case "END" -> {
                    end = true;
                    caught = f.length > 1 && f[1].equals("caught");
                }
                default -> { }
            }
        }
        String ended = endedEarly;
        if (!end && ended.isEmpty()) {
            ended = "the test JVM ended before its tests did (exit status " + exitStatus + "; System.exit or a crash in the code under test?)";
        }
        List<Result> out = new ArrayList<>(byKey.values());
        if (!end) {
            for (String c : testClasses) {
                if (!finished.contains(c)) out.add(new Result(c, "(class)", TestResults.Status.FAILED, "", ended));
            }
        }
        return new Outcome(out, caught, end ? "" : ended, log);
    }

    /** Kills a process and everything it started. */
    static void kill(Process p) {
        p.descendants().forEach(ProcessHandle::destroyForcibly);
        p.destroyForcibly();
        try {
            p.waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** An argument file value: quoted, with backslashes doubled (java's @argfile syntax). */
    private static String quote(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    /** TestRunner, compiled against the module's JUnit Platform when it or the tools changed. */
    static final class Runner {
        private Runner() {}

        /** Where the tools' own classes are (Launch compiled them into target/course-tools/classes). */
        static Path toolClasses() {
            try {
                return Path.of(TestJvm.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }

        /** TestRunner and the tools' classes in one jar, compiled and packed when they changed. */
        static synchronized Path jar(Path root, ModuleSetup setup) throws IOException {
            Path sources = root.resolve(".course/src/runner/java");
            List<Path> cp = new ArrayList<>(setup.launcher());
            setup.testClasspath().stream().filter(p -> p.getFileName().toString().startsWith("junit-platform-")).forEach(cp::add);
            cp.add(toolClasses());
            Fingerprint f = new Fingerprint().add("runner 2").add(Runtime.version().toString())
                    .add(cp.stream().map(Path::toString).toList()).tree(sources, ".java").tree(toolClasses(), ".class");
            String key = f.hex().substring(0, 16);
            Path jar = root.resolve("target/course/runner").resolve(key + ".jar");
            if (Files.exists(jar)) return jar;
            Files.createDirectories(jar.getParent());
            Path classes = Files.createTempDirectory(jar.getParent(), "runner-");
            try {
                List<Javac.Problem> problems = Javac.compile(Fingerprint.files(sources, ".java"), classes, cp, List.of(), "25", List.of());
                if (!problems.isEmpty()) {
                    throw new ToolException("The course tools' test runner does not compile: " + problems.getFirst().describe(root));
                }
                Path tmp = jar.resolveSibling(key + "-" + ProcessHandle.current().pid() + ".tmp");
                try (var out = new java.util.jar.JarOutputStream(Files.newOutputStream(tmp))) {
                    for (Path dir : List.of(classes, toolClasses())) {
                        for (Path file : Fingerprint.files(dir, ".class")) {
                            var entry = new java.util.jar.JarEntry(dir.relativize(file).toString().replace('\\', '/'));
                            entry.setTime(0); // the same bytes every time: the AOT cache checks the jar
                            out.putNextEntry(entry);
                            out.write(Files.readAllBytes(file));
                            out.closeEntry();
                        }
                    }
                }
                Files.move(tmp, jar, java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
            } finally {
                Course.deleteTree(classes);
            }
            return jar;
        }
    }
}
