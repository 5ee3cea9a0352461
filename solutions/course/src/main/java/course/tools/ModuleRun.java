package course.tools;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.*;
import java.time.Duration;
import java.util.*;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Running: one module of one submission, in that submission's copy of the course. Its taken files are
 * written over the starters; a file that does not compile is put back to its starter (or dropped) and
 * the module run again, so the rest still earns its points. The real runner is Maven, one test JVM per
 * test class, each in the {@link Sandbox}.
 */
final class ModuleRun {

    /** What the module's last run left, its compile errors, and the exercises graded as their starters (exercise -> why). */
    record Result(Grader.RunOutcome outcome, List<CompileError> errors, Map<String, String> broken) {}

    /** A compiler error: {@code root} is "main" or "test", {@code rel} the path below its java folder. */
    record CompileError(String root, String rel, int line, String message) {
        @Override public String toString() { return rel + ":" + line + " " + message; }
    }

    // [ERROR] /abs/module-01-threads/src/main/java/course/threads/Ex02_X.java:[12,5] ';' expected
    private static final Pattern ERROR = Pattern.compile("^\\[ERROR\\]\\s+(\\S.*?\\.java):\\[(\\d+)(?:,\\d+)?\\]\\s*(.*)$");

    static Result run(Grader.Runner runner, SubmissionFiles.Module layout, List<SubmissionFiles.Taken> taken, Map<String, String> unparsable, Path course,
                      Path starters, List<String> testClasses, Path logs, List<String> notes) throws Exception {
        String m = layout.name();
        Path main = course.resolve(m).resolve("src/main/java");
        Set<String> theirs = new HashSet<>();
        for (SubmissionFiles.Taken t : taken) {
            Files.createDirectories(main.resolve(t.rel()).getParent());
            Files.write(main.resolve(t.rel()), t.content());
            theirs.add(t.rel());
        }
        Map<String, String> broken = new LinkedHashMap<>(unparsable);
        Grader.RunOutcome outcome = null;
        List<CompileError> errors = List.of();
        for (int round = 0; round < 4; round++) {
            Course.deleteTree(course.resolve(m).resolve("target"));
            outcome = runner.run(course, m, testClasses, logs.resolve(m + "-" + round + ".log"));
            errors = compileErrors(outcome.log(), course, m);
            if (errors.isEmpty() || outcome.timedOut()) break;
            boolean putBack = false;
            for (CompileError e : errors) {
                String rel = e.root().equals("main") ? e.rel() : null;
                String exercise = rel != null ? layout.exerciseOf(rel) : testExercise(e.rel());
                if (rel == null && exercise != null) {
                    rel = layout.starterTypes().keySet().stream().filter(r -> exercise.equals(layout.exerciseOf(r))).findFirst().orElse(null);
                }
                if (rel == null || !theirs.remove(rel)) continue;
                Path starter = starters.resolve(m).resolve("src/main/java").resolve(rel);
                if (Files.exists(starter)) Files.copy(starter, main.resolve(rel), StandardCopyOption.REPLACE_EXISTING);
                else Files.deleteIfExists(main.resolve(rel));
                putBack = true;
                String what = e.root().equals("main") ? "does not compile: " + e : "does not compile with the course's tests: " + e;
                if (exercise != null) broken.putIfAbsent(exercise, what);
                else notes.add("left out, " + what + " (" + m + ")");
            }
            if (!putBack) break;
        }
        return new Result(outcome, errors, broken);
    }

    /** The errors in {@code log} for files of {@code module} inside {@code course} (the first of each file:line), in log order. */
    static List<CompileError> compileErrors(List<String> log, Path course, String module) {
        String prefix = course.resolve(module).toAbsolutePath().toString().replace('\\', '/') + "/src/";
        List<CompileError> out = new ArrayList<>();
        for (String l : log) {
            Matcher x = ERROR.matcher(l);
            String file = x.matches() ? x.group(1).replace('\\', '/') : "";
            if (!file.startsWith(prefix)) continue;
            String rest = file.substring(prefix.length()); // main/java/course/...
            int slash = rest.indexOf('/');
            if (slash < 0 || !rest.startsWith("java/", slash + 1)) continue;
            CompileError e = new CompileError(rest.substring(0, slash), rest.substring(slash + 6), Integer.parseInt(x.group(2)), x.group(3).strip());
            if (out.stream().noneMatch(y -> y.root().equals(e.root()) && y.rel().equals(e.rel()) && y.line() == e.line())) out.add(e);
        }
        return out;
    }

    /** The exercise a test source belongs to (course/threads/Ex02_XTest.java -> Ex02_X), or null for support code. */
    private static String testExercise(String rel) {
        String file = rel.substring(rel.lastIndexOf('/') + 1);
        return file.matches("Ex\\d\\d_\\w+Test\\.java") ? file.substring(0, file.length() - "Test.java".length()) : null;
    }

    /** The real runner: Maven in {@code course}, the test JVMs started by {@code launcher} (the sandbox) or, without one, in scratch folders. */
    record MavenRunner(Path work, String token, Path launcher, Duration limit, Map<String, String> env) implements Grader.Runner {

        static MavenRunner of(Path work, String token, Sandbox.Choice sandbox, Duration limit, Map<String, String> env) throws IOException {
            Path launcher = sandbox.on() ? Sandbox.installLauncher(work.resolve("launcher"), sandbox, Path.of(System.getProperty("java.home")),
                    limit.multipliedBy(2)) : null;
            Map<String, String> all = new HashMap<>(env);
            all.put(ProcessTree.MARKER, token);
            return new MavenRunner(work, token, launcher, limit, Map.copyOf(all));
        }

        @Override
        public Grader.RunOutcome run(Path course, String module, List<String> testClasses, Path log) throws Exception {
            List<String> argLine = new ArrayList<>(List.of("-Xmx512m", "-XX:+DisableAttachMechanism"));
            List<String> extra = new ArrayList<>(List.of("-DreuseForks=false", "-Dcourse.fork.timeout=" + limit.toSeconds(),
                    "-Dmaven.test.redirectTestOutputToFile=true",
                    "-DenableOutErrElements=false", // what a test printed never goes into the reports the grade is read from
                    "-Dsurefire.failIfNoSpecifiedTests=false",
                    "-Denforcer.skip=true", // the course's own pom: checked by the course, not per grading
                    "-Dtest=" + String.join(",", testClasses))); // the classes: a pattern (Ex10*) would run @Nested classes on their own too
            if (launcher != null) {
                extra.addAll(List.of("-Dsurefire.useManifestOnlyJar=false", "-Djvm=" + launcher)); // the class path in $CLASSPATH, bound entry by entry
            } else {
                Path scratch = work.resolve("scratch");
                Course.deleteTree(scratch);
                argLine.addAll(List.of("-Djava.io.tmpdir=" + Files.createDirectories(scratch.resolve("tmp")),
                        "-Duser.home=" + Files.createDirectories(scratch.resolve("home"))));
            }
            extra.add("-DargLine=" + String.join(" ", argLine));
            var r = new Maven(course, limit).run(log, Maven.testArgs(List.of(module), false, extra.toArray(String[]::new)), env);
            return new Grader.RunOutcome(readLog(r.log()), r.timedOut());
        }

        @Override
        public Map<String, Map<String, List<ExpectedTests.Method>>> expected(Path course, List<String> modules, Path log) throws Exception {
            var r = new Maven(course, Duration.ofMinutes(20)).run(log,
                    List.of("-q", "test-compile", "-pl", String.join(",", modules), "-Denforcer.skip=true"), Map.of(ProcessTree.MARKER, token));
            if (r.exitCode() != 0) throw new ToolException("the course's tests do not compile at HEAD: see " + log);
            Map<String, Map<String, List<ExpectedTests.Method>>> out = new LinkedHashMap<>();
            for (String m : modules) out.put(m, ExpectedTests.read(course.resolve(m).resolve("target/test-classes")));
            return out;
        }

        /** A Maven log's lines, at most its first 8 MB (a run's log holds Maven's output, never the tests'). */
        private static List<String> readLog(Path log) throws IOException {
            try (InputStream in = Files.newInputStream(log)) {
                return new String(in.readNBytes(8 << 20), StandardCharsets.ISO_8859_1).lines().toList();
            }
        }
    }

    private ModuleRun() {}
}
