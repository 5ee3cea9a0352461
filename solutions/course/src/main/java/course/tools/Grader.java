package course.tools;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.*;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.*;

/**
 * Grades learners' submissions with THIS repository's tests, as committed (HEAD), in five steps with one
 * class each: building the course tree and its expected tests ({@link CourseTree}), taking every submission
 * in before any is graded ({@link Staging}, {@link SubmissionFiles}), running each module ({@link ModuleRun}, in the
 * {@link Sandbox}), scoring ({@link Scoring}) and reporting ({@link Gradebook}). Only the expected test
 * classes' reports are read, and only the expected methods count.
 */
final class Grader {

    record Score(String module, String exercise, int passed, int tests, double points, double score, String note) {}

    /** Where a grade comes from and how it was made. */
    record Provenance(String repository, String ref, String commit, String uncommitted, String graderCommit, boolean graderDirty,
                      String gradedAt, String flags, String sandbox, String inputSha256, String pointsSha256, int takenFiles) {}

    /** One submission's grades, with what the instructor should know about it. */
    record Grade(String student, List<Score> scores, Provenance provenance, List<String> notes, List<String> ignored, List<JavaSources.Hint> hints) {
        double total() { return scores.stream().mapToDouble(Score::score).sum(); }
        double max() { return scores.stream().mapToDouble(Score::points).sum(); }
        String submission() { return student; }
    }

    /** Runs one module's tests for one submission; the real one is Maven ({@link ModuleRun.MavenRunner}). */
    interface Runner {
        /** Compiles {@code module} in {@code course} and runs {@code testClasses} (simple names); the reports land in module/target/surefire-reports. */
        RunOutcome run(Path course, String module, List<String> testClasses, Path log) throws Exception;

        /** The test methods of each exercise, from the test classes compiled in {@code course}. */
        Map<String, Map<String, List<ExpectedTests.Method>>> expected(Path course, List<String> modules, Path log) throws Exception;
    }

    /** What a module's run left: its log lines and whether it hit the time limit. */
    record RunOutcome(List<String> log, boolean timedOut) {}

    /** What every submission of one run is graded against, built once before the first. */
    record Run(GradeOptions options, Path work, String sandbox, Runner runner, CourseTree tree, boolean graderDirty, List<SubmissionFiles.Module> layouts,
               Map<String, List<String>> exercises, Map<String, Map<String, List<ExpectedTests.Method>>> expected, Scoring.Points points, String flags) {}

    /** A module's grade made once, for every submission with the same files. */
    private record Reused(String student, List<Score> scores) {}

    private final Path root;
    private final Runner runner; // null: Maven
    private final Map<String, String> mavenEnvironment; // the self-test plants secrets there: no test JVM may see them

    Grader(Path root) { this(root, null, Map.of()); }

    private Grader(Path root, Runner runner, Map<String, String> mavenEnvironment) {
        this.root = root;
        this.runner = runner;
        this.mavenEnvironment = mavenEnvironment;
    }

    Grader withMavenEnvironment(Map<String, String> env) { return new Grader(root, runner, Map.copyOf(env)); }

    /** For tests: grade with another runner (no Maven). */
    Grader withRunner(Runner r) { return new Grader(root, r, mavenEnvironment); }

    int run(List<String> args) throws Exception {
        GradeOptions o = GradeOptions.parse(args, Path.of("").toAbsolutePath()).requireFiles();
        if (o.cloneOnly() != null) return Staging.cloneOnly(o);
        List<Grade> grades = grade(o);
        Path out = out(o);
        System.out.println();
        for (Grade g : grades) {
            System.out.printf("%-40s %6.1f / %.1f%s%n", g.student(), g.total(), g.max(), g.notes().isEmpty() ? "" : "  (" + g.notes().getFirst() + ")");
        }
        System.out.println("Reports: " + out + " (grades.csv, run.tsv, and report.md / report.json per submission)");
        System.out.println("grades.csv sha256 " + Gradebook.sha256(out.resolve("grades.csv")));
        System.out.println("run.tsv    sha256 " + Gradebook.sha256(out.resolve("run.tsv")));
        return 0;
    }

    /** Grades what the command line names and writes the reports. */
    List<Grade> gradeCommandLine(List<String> args) throws Exception {
        return grade(GradeOptions.parse(args, Path.of("").toAbsolutePath()).requireFiles());
    }

    private Path out(GradeOptions o) {
        return o.out() != null ? o.out() : root.resolve("target/grades");
    }

    List<Grade> grade(GradeOptions o) throws Exception {
        List<String> modules = Course.modules(root, o.modules());
        Sandbox.Choice sandbox = runner != null ? new Sandbox.Choice(null, "none (test runner)") : Sandbox.choose(o.sandbox());
        Staging.Listed listed = Staging.submissions(o);
        List<Staging.Submission> mine = o.shard().slice(listed.all());
        System.out.println("Grading " + mine.size() + " submission(s)" + (o.shard().count() > 1 ? " (shard " + o.shard() + " of " + listed.all().size() + ")" : "")
                + " in " + String.join(", ", modules) + "; sandbox: " + sandbox.description());
        if (!sandbox.on() && runner == null) System.out.println("WARNING: no sandbox: " + Sandbox.UNSANDBOXED + ".");
        listed.problems().forEach(p -> System.out.println("  roster: " + p));
        String token = UUID.randomUUID().toString();
        Path work = Files.createTempDirectory("course-grade-");
        Thread cleanup = new Thread(() -> end(token, work)); // Ctrl-C, kill: no process of the run and no temporary folder is left
        Runtime.getRuntime().addShutdownHook(cleanup);
        try {
            Run run = build(o, modules, work, sandbox, runner != null ? runner : ModuleRun.MavenRunner.of(work, token, sandbox, o.moduleLimit(), mavenEnvironment));
            // Take every submission in before grading any: nothing is graded in place, and what one
            // submission does while graded cannot change what another one handed in.
            List<Staging.Staged> staged = new ArrayList<>();
            for (Staging.Submission s : mine) {
                try {
                    staged.add(Staging.stage(s, work.resolve("staging/" + staged.size()), run.layouts(), run.tree().dir(), o.mirrors()));
                } catch (Throwable e) { // one submission's files (a huge file, a tree too deep to walk or parse) never end the batch
                    staged.add(new Staging.Staged(s, "could not be taken in: " + oneLine(e)));
                }
            }
            List<String> columns = new ArrayList<>();
            run.exercises().forEach((m, es) -> es.forEach(e -> columns.add(m + "/" + e)));
            Gradebook.Meta meta = new Gradebook.Meta(run.tree().commit(), run.graderDirty(), run.points().sha256(), run.flags(), o.shard().toString(),
                    listed.rosterSha(), listed.all().stream().map(Staging.Submission::student).toList(), columns, listed.problems());
            List<Grade> grades = new ArrayList<>();
            Set<String> folders = new HashSet<>();
            Map<String, Reused> sameFiles = new HashMap<>();
            for (Staging.Staged st : staged) {
                System.out.println("Grading " + st.submission().student() + " ...");
                Grade g;
                try {
                    g = gradeOne(run, st, grades.size(), sameFiles);
                } catch (Throwable e) { // an Error too (StackOverflowError, OutOfMemoryError): this submission's grade, not the batch's end
                    g = failed(run, st, "grading failed: " + oneLine(e));
                }
                grades.add(g);
                String folder = safeName(g.student());
                for (int i = 2; !folders.add(folder.toLowerCase(Locale.ROOT)); i++) folder = safeName(g.student()) + "-" + i;
                Gradebook.writeReports(out(o).resolve(folder), g);
                Gradebook.writeClass(out(o), meta, grades.stream().map(Gradebook::row).toList());
            }
            Gradebook.writeClass(out(o), meta, grades.stream().map(Gradebook::row).toList());
            return grades;
        } finally {
            end(token, work);
            try {
                Runtime.getRuntime().removeShutdownHook(cleanup);
            } catch (IllegalStateException e) {
                // shutting down already
            }
        }
    }

    /** Kills every process of the run and deletes its work folder. */
    private static void end(String token, Path work) {
        ProcessTree.killAll(null, token);
        try {
            Course.deleteTree(work);
        } catch (IOException e) {
            // best effort on the way out
        }
    }

    /** Building: the course tree at HEAD, its exercises (those --only chooses), their expected tests and points. */
    private Run build(GradeOptions o, List<String> modules, Path work, Sandbox.Choice sandbox, Runner r) throws Exception {
        CourseTree tree = CourseTree.fromCommit(root, "HEAD", work.resolve("course-HEAD"));
        boolean graderDirty = !Course.git(root, "status", "--porcelain", "--", "solutions/course").isBlank();
        var expected = tree.expectedTests(modules, r, work, runner != null ? null : root.resolve("target/course-tools/expected-tests"));
        List<SubmissionFiles.Module> layouts = new ArrayList<>();
        Map<String, List<String>> exercises = new LinkedHashMap<>();
        for (String m : modules) {
            layouts.add(SubmissionFiles.Module.of(tree.dir(), m));
            List<String> chosen = layouts.getLast().exercises().stream().filter(e -> o.only().isEmpty() || o.only().stream().anyMatch(e::startsWith)).toList();
            for (String e : chosen) {
                if (expected.get(m).getOrDefault(e, List.of()).isEmpty()) {
                    throw new ToolException("the course's own test class for " + m + " " + e + " has no tests at " + tree.commit()
                            + " (see " + work.resolve("logs/expected.log") + ")");
                }
            }
            exercises.put(m, chosen);
        }
        return new Run(o, work, sandbox.description(), r, tree, graderDirty, List.copyOf(layouts), exercises, expected,
                Scoring.Points.load(tree.dir(), o.points(), exercises), o.gradingFlags(modules));
    }

    private Grade gradeOne(Run run, Staging.Staged st, int index, Map<String, Reused> sameFiles) throws Exception {
        if (st.problem() != null) return failed(run, st, st.problem());
        List<String> notes = new ArrayList<>(st.intake().notes());
        List<String> changed = run.tree().verify();
        if (!changed.isEmpty()) {
            notes.add("the grader's course tree had changed before this submission (" + String.join("; ", changed.stream().limit(5).toList())
                    + (changed.size() > 5 ? "; ..." : "") + "): written again from " + run.tree().commit().substring(0, 10));
            System.out.println("  the grader's course tree had changed: " + String.join("; ", changed));
            run.tree().rebuild();
        }
        Path dir = run.work().resolve("run-" + index), course = dir.resolve("course");
        run.tree().copyTo(course);
        List<Score> scores = new ArrayList<>();
        try {
            for (SubmissionFiles.Module layout : run.layouts()) {
                String m = layout.name();
                List<String> chosen = run.exercises().get(m);
                if (chosen.isEmpty()) continue;
                List<SubmissionFiles.Taken> taken = st.intake().taken().stream().filter(t -> t.module().equals(m)).toList();
                Map<String, String> broken = new LinkedHashMap<>();
                for (SubmissionFiles.Unparsable u : st.intake().unparsable()) {
                    if (!u.module().equals(m)) continue;
                    if (u.exercise() != null) broken.putIfAbsent(u.exercise(), "does not compile: " + u.error());
                    else notes.add("left out, does not compile: " + m + "/src/main/java/" + u.error());
                }
                // Submissions whose files for this module are the same (the starters' own aside) get the same grade, made once.
                String key = sameFilesKey(m, taken, broken, run.tree().dir());
                Reused earlier = sameFiles.get(key);
                if (earlier != null) {
                    scores.addAll(earlier.scores());
                    notes.add(m + ": the same files as " + earlier.student() + "'s, whose grade for them is reused");
                    continue;
                }
                List<String> testClasses = chosen.stream().flatMap(e -> ExpectedTests.topLevelClasses(run.expected().get(m).get(e)).stream())
                        .map(c -> c.substring(c.lastIndexOf('.') + 1)).distinct().toList();
                ModuleRun.Result r = ModuleRun.run(run.runner(), layout, taken, broken, course, run.tree().dir(), testClasses, dir.resolve("logs"), notes);
                List<Score> module = chosen.stream().map(e -> Scoring.score(m, e, run.points().of(m, e), run.expected().get(m).get(e),
                        course.resolve(m).resolve("target/surefire-reports"), r, run.options().moduleLimit().toSeconds())).toList();
                scores.addAll(module);
                if (!r.outcome().timedOut()) sameFiles.put(key, new Reused(st.submission().student(), module));
            }
        } finally {
            Course.deleteTree(dir);
        }
        return new Grade(st.submission().student(), scores, provenance(run, st), notes, st.intake().ignored(), st.intake().hints());
    }

    /** What decides a module's grade: the taken files that differ from the starters, and the files left out as broken. */
    private static String sameFilesKey(String module, List<SubmissionFiles.Taken> taken, Map<String, String> broken, Path course) throws IOException {
        StringBuilder b = new StringBuilder(module).append('\n');
        for (SubmissionFiles.Taken t : taken.stream().sorted(Comparator.comparing(SubmissionFiles.Taken::rel)).toList()) {
            Path starter = course.resolve(module).resolve("src/main/java").resolve(t.rel());
            if (!Files.isRegularFile(starter) || !Arrays.equals(Files.readAllBytes(starter), t.content())) {
                b.append(t.rel()).append(' ').append(CourseTree.sha256(t.content())).append('\n');
            }
        }
        broken.forEach((e, why) -> b.append("broken ").append(e).append(' ').append(why).append('\n'));
        return CourseTree.sha256(b.toString().getBytes(StandardCharsets.UTF_8));
    }

    private static Grade failed(Run run, Staging.Staged st, String why) {
        return new Grade(st.submission().student(), Scoring.zero(run.exercises(), run.points(), why), provenance(run, st), List.of(why),
                st.intake() == null ? List.of() : st.intake().ignored(), st.intake() == null ? List.of() : st.intake().hints());
    }

    private static Provenance provenance(Run run, Staging.Staged st) {
        Staging.Submission s = st.submission();
        return new Provenance(s.source(), s.ref(), st.commit(), Objects.requireNonNullElse(st.uncommitted(), ""), run.tree().commit(), run.graderDirty(),
                Instant.now().truncatedTo(ChronoUnit.SECONDS).toString(), run.flags(), run.sandbox(),
                st.intake() == null ? "" : st.intake().sha256(), run.points().sha256(), st.intake() == null ? 0 : st.intake().taken().size());
    }

    /** The grader's self-test (solutions/course, GraderSelfTest): a JUnit run of its own, as the README's one command. */
    static int selfTest(Path root, List<String> args) throws Exception {
        String module = Course.modules(root, Args.flags(args).atMost(1, "name one module").positionals()).getFirst();
        return new ProcessBuilder(root.resolve("mvnw").toString(), "-B", "-q", "-f", "solutions/course/pom.xml", "test", "-Pgrader-selftest",
                "-Dgrader.selftest.module=" + module).directory(root.toFile()).inheritIO().start().waitFor();
    }

    static String safeName(String name) {
        String s = name.replaceAll("[^A-Za-z0-9._@-]", "_");
        return s.isEmpty() || s.chars().allMatch(c -> c == '.') ? "_" + s : s;
    }

    static String oneLine(Throwable e) {
        String msg = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return clean(msg.lines().filter(l -> !l.isBlank()).findFirst().orElse(msg));
    }

    /** The longest a message from a submission's run (a failure message, a file name) is in a report. */
    static final int MAX_MESSAGE = 240;

    /** Text from a submission, fit for a report: control and format characters become spaces, blanks one space, cut at {@link #MAX_MESSAGE}. */
    static String clean(String s) {
        return clean(s, MAX_MESSAGE);
    }

    static String clean(String s, int max) {
        if (s == null) return "";
        String t = s.replaceAll("[\\p{Cc}\\p{Cf}\\p{Zl}\\p{Zp}]", " ").replaceAll("\\s+", " ").strip();
        return t.length() <= max ? t : t.substring(0, max - 3) + "...";
    }
}
