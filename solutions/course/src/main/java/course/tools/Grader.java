package course.tools;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Grades learners' submissions with THIS repository's tests, as committed (HEAD).
 *
 * <ol>
 *   <li>The course is written from HEAD (not the working tree, never solutions/) into a temporary
 *       folder; its test classes are compiled once and read for the test methods each exercise has.
 *   <li>Every submission is taken in before any is graded: cloned (a repository at a ref) or read (a
 *       folder), keeping only .java files of the exercise packages ({@link Intake}); the rest is
 *       listed as ignored. The submission's own folder is never graded in place.
 *   <li>Each submission is graded in a fresh copy of that tree, after checking that the tree is still
 *       byte for byte the commit's (a difference is reported and the tree written again): one Maven
 *       run per module, test JVMs forked per test class and sandboxed ({@link Sandbox}), every process
 *       of the run killed afterwards. Files that do not compile are put back to their starters and the
 *       module run again, so the rest still earns its points.
 *   <li>Only the reports of the expected test classes are read, and only the expected methods count.
 * </ol>
 * Writes report.md and report.json per submission, and grades.csv and grades.json for the class,
 * replaced atomically after every submission; prints their SHA-256 at the end.
 */
final class Grader {

    /** One exercise's grade. */
    record Score(String module, String exercise, int passed, int tests, double points, double score, String note) {}

    /** Where a grade comes from and how it was made. */
    record Provenance(String repository, String ref, String commit, String uncommitted, String graderCommit, boolean graderDirty,
                      String gradedAt, String flags, String sandbox, String inputSha256, String pointsSha256, int takenFiles) {}

    /** One submission's grades, with what the instructor should know about it. */
    record Grade(String student, List<Score> scores, Provenance provenance, List<String> notes, List<String> ignored,
                 List<JavaSources.Hint> hints) {
        double total() { return scores.stream().mapToDouble(Score::score).sum(); }
        double max() { return scores.stream().mapToDouble(Score::points).sum(); }
        String submission() { return student; }
    }

    /** A submission to grade: a folder graded as it is, or a repository cloned at a ref; {@code problem} when it cannot be. */
    record Submission(String student, String source, String ref, boolean folder, String problem) {}

    /** Runs one module's tests for one submission; the real one is Maven (see {@link #mavenRunner}). */
    interface Runner {
        /** Compiles {@code module} in {@code course} and runs {@code testClasses} (simple names); the reports land in module/target/surefire-reports. */
        RunOutcome run(Path course, String module, List<String> testClasses, Path log) throws Exception;

        /** The test methods of each exercise, from the test classes compiled in {@code course}. */
        Map<String, Map<String, List<ExpectedTests.Method>>> expected(Path course, List<String> modules, Path log) throws Exception;
    }

    /** What a module's run left: its log lines and whether it hit the time limit. */
    record RunOutcome(List<String> log, boolean timedOut) {}

    private final Path root;
    private Runner runner;
    private Sandbox.Choice sandbox;
    private Path out;
    private String token;
    private Path work;
    private Path mirrors;

    Grader(Path root) {
        this.root = root;
    }

    /** Added to Maven's environment (the self-test plants secrets there: no test JVM may see them). */
    private Map<String, String> mavenEnvironment = Map.of();

    Grader withMavenEnvironment(Map<String, String> env) {
        this.mavenEnvironment = Map.copyOf(env);
        return this;
    }

    /** For tests: grade with another runner (no Maven). */
    Grader withRunner(Runner r) {
        this.runner = r;
        return this;
    }

    int run(List<String> args) throws Exception {
        List<Grade> grades;
        try {
            GradeOptions o = GradeOptions.parse(args, Path.of("").toAbsolutePath()).requireFiles();
            if (o.cloneOnly() != null) return cloneOnly(o);
            grades = grade(o);
        } catch (IllegalStateException e) {
            // No sandbox under --sandbox=required, or the course's own tests broken: nothing to grade with.
            throw new ToolException(Grader.clean(e.getMessage(), 400));
        }
        System.out.println();
        for (Grade g : grades) {
            System.out.printf("%-40s %6.1f / %.1f%s%n", g.student(), g.total(), g.max(), g.notes().isEmpty() ? "" : "  (" + g.notes().getFirst() + ")");
        }
        System.out.println("Reports: " + out + " (grades.csv, grades.json, and report.md / report.json per submission)");
        System.out.println("grades.csv  sha256 " + Gradebook.sha256(out.resolve("grades.csv")));
        System.out.println("grades.json sha256 " + Gradebook.sha256(out.resolve("grades.json")));
        return 0;
    }

    /** Grades what the command line names and writes the reports. Throws ToolException for a bad command line. */
    List<Grade> gradeCommandLine(List<String> args) throws Exception {
        GradeOptions o = GradeOptions.parse(args, Path.of("").toAbsolutePath()).requireFiles();
        return grade(o);
    }

    List<Grade> grade(GradeOptions o) throws Exception {
        List<String> modules = Course.modules(root, o.modules());
        out = o.out() != null ? o.out() : root.resolve("target/grades");
        moduleLimit = o.moduleLimit();
        mirrors = o.mirrors();
        sandbox = runner != null ? new Sandbox.Choice(null, "none (test runner)") : Sandbox.choose(o.sandbox());
        Path cache = runner != null ? null : root.resolve("target/course-tools/expected-tests");

        List<String> problems = new ArrayList<>();
        String rosterSha = null;
        List<Submission> all;
        if (o.roster() != null) {
            byte[] bytes = Files.readAllBytes(o.roster());
            rosterSha = CourseTree.sha256(bytes);
            Roster roster = Roster.parse(new String(bytes, StandardCharsets.UTF_8));
            problems.addAll(roster.problems());
            all = roster.entries().stream().map(e -> new Submission(e.student(), resolveRepository(e.repository(), o.roster().getParent()),
                    e.ref(), false, e.problem())).toList();
        } else {
            all = submissions(o);
        }
        List<Submission> mine = o.shard().slice(all);
        System.out.println("Grading " + mine.size() + " submission(s)" + (o.shard().count() > 1 ? " (shard " + o.shard() + " of " + all.size() + ")" : "")
                + " in " + String.join(", ", modules) + "; sandbox: " + sandbox.description());
        if (!sandbox.on() && runner == null) System.out.println("WARNING: no sandbox: " + Sandbox.UNSANDBOXED + ".");
        problems.forEach(p -> System.out.println("  roster: " + p));

        token = UUID.randomUUID().toString();
        work = Files.createTempDirectory("course-grade-");
        Path workDir = work;
        Thread cleanup = new Thread(() -> { // Ctrl-C, kill: no process of the run and no temporary folder is left
            ProcessTree.killAll(null, token);
            try {
                Course.deleteTree(workDir);
            } catch (IOException e) {
                // best effort on the way out
            }
        });
        Runtime.getRuntime().addShutdownHook(cleanup);
        try {
            CourseTree tree = CourseTree.fromCommit(root, "HEAD", work.resolve("course-HEAD"));
            boolean graderDirty = !Course.git(root, "status", "--porcelain", "--", "solutions/course").isBlank();
            List<Intake.Module> layouts = new ArrayList<>();
            for (String m : modules) layouts.add(Intake.Module.of(tree.dir(), m));

            Map<String, Map<String, List<ExpectedTests.Method>>> expected = expectedTests(tree, modules, cache);
            Map<String, List<String>> exercises = new LinkedHashMap<>();
            for (Intake.Module l : layouts) {
                List<String> chosen = l.exercises().stream().filter(e -> o.only().isEmpty() || o.only().stream().anyMatch(e::startsWith)).toList();
                for (String e : chosen) {
                    if (expected.getOrDefault(l.name(), Map.of()).getOrDefault(e, List.of()).isEmpty()) {
                        throw new IllegalStateException("the course's own test class for " + l.name() + " " + e + " has no tests at " + tree.commit()
                                + " (see " + work.resolve("logs/expected.log") + ")");
                    }
                }
                exercises.put(l.name(), chosen);
            }
            Points points = Points.load(o.points() != null ? o.points() : root.resolve("solutions/course/points.properties"), exercises);
            String flags = o.gradingFlags(modules);
            List<String> columns = new ArrayList<>();
            exercises.forEach((m, es) -> es.forEach(e -> columns.add(m + "/" + e)));

            // Take every submission in before grading any: nothing is graded in place, and what one
            // submission does while graded cannot change what another one handed in.
            List<Staged> staged = new ArrayList<>();
            for (int i = 0; i < mine.size(); i++) {
                Submission s = mine.get(i);
                try {
                    staged.add(stage(s, work.resolve("staging").resolve(String.valueOf(i)), layouts, tree.dir()));
                } catch (Throwable e) {
                    // one submission's files (a huge file, a tree too deep to walk or parse) never end the batch
                    staged.add(new Staged(s, null, null, null, "could not be taken in: " + oneLine(e)));
                }
                Course.deleteTree(work.resolve("staging").resolve(String.valueOf(i)));
            }

            List<Grade> grades = new ArrayList<>();
            List<Gradebook.Row> rows = new ArrayList<>();
            Meta meta = new Meta(tree.commit(), graderDirty, points.sha256(), flags, o.shard().toString(), rosterSha,
                    all.stream().map(Submission::student).toList(), columns, problems);
            Set<String> folders = new HashSet<>();
            for (int i = 0; i < staged.size(); i++) {
                Staged st = staged.get(i);
                System.out.println("Grading " + st.submission().student() + " ...");
                Grade g;
                try {
                    g = gradeOne(st, i, tree, layouts, exercises, expected, points, flags, graderDirty, o);
                } catch (Throwable e) { // an Error too (StackOverflowError, OutOfMemoryError): this submission's grade, not the batch's end
                    g = failed(st, exercises, points, tree.commit(), graderDirty, flags, "grading failed: " + oneLine(e));
                }
                grades.add(g);
                rows.add(row(g));
                String folder = uniqueFolder(safeName(g.student()), folders);
                Course.writeAtomically(out.resolve(folder).resolve("report.md"), markdown(g));
                Course.writeAtomically(out.resolve(folder).resolve("report.json"), json(g));
                writeGradebook(meta, rows);
            }
            writeGradebook(meta, rows);
            return grades;
        } finally {
            ProcessTree.killAll(null, token);
            try {
                Runtime.getRuntime().removeShutdownHook(cleanup);
            } catch (IllegalStateException e) {
                // shutting down already
            }
            Course.deleteTree(work);
        }
    }

    /**
     * Each exercise's test methods in the tree: compiled once per course content and module (in a copy
     * of the tree, before any submission is taken in), then kept in {@code cache} (target/course-tools,
     * next to the tools' own classes) so later runs on the same course files skip that compile.
     */
    private Map<String, Map<String, List<ExpectedTests.Method>>> expectedTests(CourseTree tree, List<String> modules, Path cache) throws Exception {
        Map<String, Map<String, List<ExpectedTests.Method>>> out = new LinkedHashMap<>();
        List<String> missing = new ArrayList<>();
        for (String m : modules) {
            Map<String, List<ExpectedTests.Method>> cached = cache == null ? null : ExpectedTests.load(cache.resolve(tree.contentSha256()).resolve(m + ".tsv"));
            if (cached != null) out.put(m, cached);
            else missing.add(m);
        }
        if (!missing.isEmpty()) {
            Path copy = work.resolve("expected");
            tree.copyTo(copy);
            Map<String, Map<String, List<ExpectedTests.Method>>> compiled = runner().expected(copy, missing, work.resolve("logs/expected.log"));
            Course.deleteTree(copy);
            for (String m : missing) {
                Map<String, List<ExpectedTests.Method>> e = compiled.getOrDefault(m, Map.of());
                out.put(m, e);
                if (cache != null && !e.isEmpty()) ExpectedTests.save(cache.resolve(tree.contentSha256()).resolve(m + ".tsv"), e);
            }
        }
        Map<String, Map<String, List<ExpectedTests.Method>>> ordered = new LinkedHashMap<>();
        modules.forEach(m -> ordered.put(m, out.get(m)));
        return ordered;
    }

    /** What every row of this run shares. */
    private record Meta(String graderCommit, boolean graderDirty, String pointsSha, String flags, String shard, String rosterSha,
                        List<String> students, List<String> columns, List<String> problems) {}

    private void writeGradebook(Meta m, List<Gradebook.Row> rows) throws IOException {
        Course.writeAtomically(out.resolve("grades.csv"), Gradebook.csv(m.columns(), rows));
        Course.writeAtomically(out.resolve("grades.json"), Gradebook.json(new Gradebook.Meta(m.graderCommit(), m.graderDirty(),
                m.pointsSha(), m.flags(), m.shard(), m.rosterSha(), m.students(), m.columns(), m.problems()), rows));
    }

    private List<Submission> submissions(GradeOptions o) throws IOException {
        List<Submission> list = new ArrayList<>();
        if (o.batch() != null) {
            try (Stream<Path> s = Files.list(o.batch())) {
                for (Path p : s.filter(p -> Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)).sorted().toList()) {
                    list.add(new Submission(p.getFileName().toString(), p.toAbsolutePath().toString(), null, true, null));
                }
            }
        }
        for (String a : o.submissions()) {
            Path dir = Path.of(a);
            if (!a.contains("#") && !a.contains("://") && Files.isDirectory(dir)) {
                list.add(new Submission(submissionName(a), dir.toAbsolutePath().normalize().toString(), null, true, null));
            } else {
                int hash = a.lastIndexOf('#');
                String url = hash >= 0 ? a.substring(0, hash) : a;
                String ref = hash >= 0 && hash + 1 < a.length() ? a.substring(hash + 1) : null;
                list.add(new Submission(submissionName(a), url, ref, false, null));
            }
        }
        // The student id is the gradebook's key: two submissions with the same name get -2, -3, ...
        Map<String, Integer> seen = new HashMap<>();
        List<Submission> unique = new ArrayList<>();
        for (Submission s : list) {
            int n = seen.merge(s.student(), 1, Integer::sum);
            unique.add(n == 1 ? s : new Submission(s.student() + "-" + n, s.source(), s.ref(), s.folder(), s.problem()));
        }
        return unique;
    }

    /**
     * Clones the repositories of this shard ({@code --clone-only DIR}) into DIR as bare mirrors, one per
     * student, and grades nothing: the only step that needs a token for private repositories. With
     * ROSTER_TOKEN set, git gets it from a credential helper on its command line, for github.com only,
     * read from this process's environment when git asks; nothing is written to any git config.
     * {@code grade --mirrors DIR} later clones from these, keeping each repository's URL as its provenance.
     */
    private int cloneOnly(GradeOptions o) throws Exception {
        List<Submission> all;
        if (o.roster() != null) {
            Roster roster = Roster.parse(Files.readString(o.roster()));
            all = roster.entries().stream().map(e -> new Submission(e.student(), resolveRepository(e.repository(), o.roster().getParent()),
                    e.ref(), false, e.problem())).toList();
        } else {
            all = submissions(o);
        }
        Files.createDirectories(o.cloneOnly());
        int failed = 0;
        for (Submission s : o.shard().slice(all)) {
            if (s.folder() || s.problem() != null) continue;
            Path mirror = o.cloneOnly().resolve(safeName(s.student()) + ".git");
            Course.deleteTree(mirror);
            List<String> cmd = new ArrayList<>();
            if (System.getenv("ROSTER_TOKEN") != null && !System.getenv("ROSTER_TOKEN").isEmpty()) {
                cmd.addAll(List.of("-c", "credential.https://github.com.helper=",
                        "-c", "credential.https://github.com.helper=!f() { test \"$1\" = get && echo username=x-access-token && echo \"password=$ROSTER_TOKEN\"; }; f"));
            }
            cmd.addAll(List.of("clone", "--quiet", "--bare", "--", s.source(), mirror.toString()));
            try {
                git(null, cmd.toArray(String[]::new));
                System.out.println("cloned   " + s.student());
            } catch (IOException e) {
                failed++;
                System.out.println("FAILED   " + s.student() + ": " + oneLine(e) + " (graded as a clone failure)");
            }
        }
        // a failed clone is not this step's failure: grading tries the repository again and gives it its row
        System.out.println((failed == 0 ? "" : failed + " could not be cloned (their rows will say so). ")
                + "next: ./mvnw -q -Dcourse=\"grade ... --mirrors " + o.cloneOnly() + "\" (same roster and shard; no token needed)");
        return 0;
    }

    /** A roster's repository: a URL as it is, a local path relative to the roster's folder made absolute. */
    static String resolveRepository(String repository, Path rosterDir) {
        if (repository.contains("://") || repository.matches("^[\\w.-]+@[\\w.-]+:.*")) return repository;
        Path p = Path.of(repository);
        if (!p.isAbsolute() && rosterDir != null && Files.exists(rosterDir.resolve(p))) return rosterDir.resolve(p).toAbsolutePath().normalize().toString();
        return repository;
    }

    // ---------------------------------------------------------------- taking submissions in

    /** A submission taken in: what it handed in (or why nothing), and its commit. */
    private record Staged(Submission submission, Intake.Result intake, String commit, String uncommitted, String problem) {}

    private Staged stage(Submission s, Path dir, List<Intake.Module> layouts, Path course) throws Exception {
        if (s.problem() != null) return new Staged(s, null, null, null, s.problem());
        Files.createDirectories(dir);
        if (s.folder()) {
            Path folder = Path.of(s.source());
            if (!Files.isDirectory(folder)) return new Staged(s, null, null, null, "no such folder: " + folder);
            Intake.Result in = Intake.take(folder, layouts, course);
            String commit = null, uncommitted = "";
            if (Files.exists(folder.resolve(".git"), LinkOption.NOFOLLOW_LINKS)) {
                // git never runs in the learner's folder itself (its config could run commands): clone it, then compare.
                Path clone = dir.resolve("history");
                try {
                    git(null, "clone", "--quiet", "--no-local", "--no-checkout", "--", folder.toString(), clone.toString());
                    commit = git(clone, "rev-parse", "--verify", "HEAD^{commit}").strip();
                    uncommitted = differsFromCommit(folder, clone, layouts) ? "yes" : "no";
                } catch (IOException e) {
                    in.notes().add("the folder's git history could not be read: " + oneLine(e));
                }
            } else {
                in.notes().add("the folder is not a git repository: no commit to record");
            }
            return new Staged(s, in, commit, uncommitted, null);
        }
        Path clone = dir.resolve("repo");
        Path mirror = mirrors == null ? null : mirrors.resolve(safeName(s.student()) + ".git");
        String from = mirror != null && Files.isDirectory(mirror, LinkOption.NOFOLLOW_LINKS) ? mirror.toString() : s.source();
        try {
            git(null, "clone", "--quiet", "--no-checkout", "--", from, clone.toString());
        } catch (IOException e) {
            return new Staged(s, null, null, null, "clone failed: " + oneLine(e));
        }
        String rev = s.ref() == null ? "HEAD" : s.ref();
        String commit = null;
        for (String candidate : s.ref() == null ? List.of("HEAD") : List.of(rev, "origin/" + rev)) {
            try {
                commit = git(clone, "rev-parse", "--verify", "--quiet", "--end-of-options", candidate + "^{commit}").strip();
                break;
            } catch (IOException e) {
                // try the next spelling
            }
        }
        if (commit == null || commit.isEmpty()) return new Staged(s, null, null, null, "ref not found: " + rev);
        git(clone, "-c", "core.hooksPath=/dev/null", "checkout", "--quiet", "--detach", commit);
        return new Staged(s, Intake.take(clone, layouts, course), commit, "no", null);
    }

    /** Whether the folder's files under each module's src/main/java differ from its last commit's (cloned into {@code clone}). */
    private static boolean differsFromCommit(Path folder, Path clone, List<Intake.Module> layouts) throws Exception {
        Map<String, String> committed = new TreeMap<>();
        for (Intake.Module m : layouts) {
            String listing = git(clone, "ls-tree", "-r", "-z", "HEAD", "--", m.name() + "/src/main/java/");
            for (String line : listing.split("\0")) {
                if (line.isEmpty()) continue;
                int tab = line.indexOf('\t');
                committed.put(line.substring(tab + 1), line.substring(0, tab).split(" ")[2]);
            }
        }
        Map<String, String> present = new TreeMap<>();
        for (Intake.Module m : layouts) {
            Path main = folder.resolve(m.name()).resolve("src/main/java");
            if (Intake.linkOnTheWay(folder, m.name() + "/src/main/java") != null || !Files.isDirectory(main, LinkOption.NOFOLLOW_LINKS)) continue;
            try (Stream<Path> s = Files.walk(main, Intake.MAX_DEPTH)) {
                for (Path p : s.limit(Intake.MAX_ENTRIES).filter(p -> Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)).toList()) {
                    if (Files.size(p) > Intake.MAX_FILE_BYTES) return true;
                    present.put(Intake.rel(folder, p), gitBlobId(Files.readAllBytes(p)));
                }
            }
        }
        return !committed.equals(present);
    }

    /** The id git gives a file's content (SHA-1 of "blob SIZE\0" + content). */
    static String gitBlobId(byte[] content) throws Exception {
        var sha1 = java.security.MessageDigest.getInstance("SHA-1");
        sha1.update(("blob " + content.length + "\0").getBytes(StandardCharsets.US_ASCII));
        return java.util.HexFormat.of().formatHex(sha1.digest(content));
    }

    /** How long one git command of the intake may take (a clone that hangs costs its submission, not the batch). */
    static final Duration GIT_LIMIT = Duration.ofMinutes(10);

    /** Runs {@code cmd} with no input, its output through files; kills it and its children at {@code limit}. */
    private static String exec(List<String> cmd, Map<String, String> env, Duration limit) throws IOException, InterruptedException {
        Path out = Files.createTempFile("course-git", ".out"), err = Files.createTempFile("course-git", ".err");
        try {
            ProcessBuilder pb = new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(err.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(new java.io.File(System.getProperty("os.name").startsWith("Windows") ? "NUL" : "/dev/null")));
            pb.environment().putAll(env);
            Process p = pb.start();
            if (!p.waitFor(limit.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS)) {
                ProcessTree.killAll(p.toHandle(), null);
                throw new IOException(String.join(" ", cmd) + " failed: it did not finish within " + limit.toMinutes() + " minutes");
            }
            if (p.exitValue() != 0) throw new IOException(String.join(" ", cmd) + " failed: " + new String(Files.readAllBytes(err), StandardCharsets.UTF_8).strip());
            return new String(Files.readAllBytes(out), StandardCharsets.UTF_8);
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }

    /** git with what an untrusted repository must not change: no prompts, no hooks, no ext:: transport. */
    private static String git(Path repo, String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("git", "-c", "protocol.ext.allow=never", "-c", "core.hooksPath=/dev/null",
                "-c", "core.fsmonitor=false"));
        if (repo != null) cmd.addAll(List.of("-C", repo.toString()));
        cmd.addAll(List.of(args));
        try {
            return exec(cmd, Map.of("GIT_TERMINAL_PROMPT", "0", "GIT_ASKPASS", "true", "SSH_ASKPASS", "true"), GIT_LIMIT);
        } catch (IOException e) {
            // Course.exec says "<command> failed: <git's message>": keep git's message only (no temporary paths).
            String msg = e.getMessage() == null ? "git failed" : e.getMessage();
            int at = msg.indexOf(" failed: ");
            throw new IOException(at >= 0 ? msg.substring(at + " failed: ".length()) : msg, e);
        }
    }

    // ---------------------------------------------------------------- grading one submission

    private Grade gradeOne(Staged st, int index, CourseTree tree, List<Intake.Module> layouts, Map<String, List<String>> exercises,
                           Map<String, Map<String, List<ExpectedTests.Method>>> expected, Points points, String flags,
                           boolean graderDirty, GradeOptions o) throws Exception {
        if (st.problem() != null) return failed(st, exercises, points, tree.commit(), graderDirty, flags, st.problem());
        List<String> notes = new ArrayList<>(st.intake().notes());
        List<String> changed = tree.verify();
        if (!changed.isEmpty()) {
            notes.add("the grader's course tree had changed before this submission (" + String.join("; ", changed.stream().limit(5).toList())
                    + (changed.size() > 5 ? "; ..." : "") + "): written again from " + tree.commit().substring(0, 10));
            System.out.println("  the grader's course tree had changed: " + String.join("; ", changed));
            tree.rebuild();
        }
        Path run = work.resolve("run-" + index);
        Path course = run.resolve("course");
        tree.copyTo(course);
        List<Score> scores = new ArrayList<>();
        try {
            Map<String, List<Intake.Taken>> taken = Intake.byModule(st.intake().taken());
            for (Intake.Module layout : layouts) {
                String m = layout.name();
                List<String> chosen = exercises.get(m);
                if (chosen.isEmpty()) continue;
                Path main = course.resolve(m).resolve("src/main/java");
                Set<String> theirs = new HashSet<>();
                for (Intake.Taken t : taken.getOrDefault(m, List.of())) {
                    Path dst = main.resolve(t.rel());
                    Files.createDirectories(dst.getParent());
                    Files.write(dst, t.content());
                    theirs.add(t.rel());
                }
                Map<String, String> broken = new LinkedHashMap<>();
                for (Intake.Unparsable u : st.intake().unparsable()) {
                    if (!u.module().equals(m)) continue;
                    if (u.exercise() != null) broken.putIfAbsent(u.exercise(), "does not compile: " + u.error());
                    else notes.add("left out, does not compile: " + m + "/src/main/java/" + u.error());
                }
                List<String> testClasses = chosen.stream()
                        .flatMap(e -> ExpectedTests.topLevelClasses(expected.get(m).get(e)).stream())
                        .map(c -> c.substring(c.lastIndexOf('.') + 1)).distinct().toList();
                // Submissions whose files for this module are the same (the starters' own files aside) get the
                // same grade: it is made once (a class of untouched starters, or links refused, costs one run).
                String key = sameFilesKey(m, taken.getOrDefault(m, List.of()), broken, tree.dir());
                Reused earlier = sameFiles.get(key);
                if (earlier != null) {
                    scores.addAll(earlier.scores());
                    notes.add(m + ": the same files as " + earlier.student() + "'s, whose grade for them is reused");
                    continue;
                }
                int first = scores.size();

                RunOutcome outcome = null;
                List<CompileErrors.Error> errors = List.of();
                for (int round = 0; round < 4; round++) {
                    Course.deleteTree(course.resolve(m).resolve("target"));
                    outcome = runner().run(course, m, testClasses, run.resolve("logs").resolve(m + "-" + round + ".log"));
                    errors = CompileErrors.parse(outcome.log(), course, m);
                    if (errors.isEmpty() || outcome.timedOut()) break;
                    boolean putBack = false;
                    for (CompileErrors.Error e : errors) {
                        String rel = e.root().equals("main") ? e.rel() : null;
                        String exercise = rel != null ? layout.exerciseOf(rel) : testExercise(e.rel());
                        if (rel == null && exercise != null) {
                            rel = layout.starterTypes().keySet().stream().filter(r -> exercise.equals(layout.exerciseOf(r))).findFirst().orElse(null);
                        }
                        if (rel == null || !theirs.contains(rel)) continue;
                        // Put the starter back (or drop a file of theirs the course does not have) and run again.
                        Path file = main.resolve(rel);
                        Path starter = tree.dir().resolve(m).resolve("src/main/java").resolve(rel);
                        if (Files.exists(starter)) Files.copy(starter, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                        else Files.deleteIfExists(file);
                        theirs.remove(rel);
                        putBack = true;
                        String what = e.root().equals("main") ? "does not compile: " + e : "does not compile with the course's tests: " + e;
                        if (exercise != null) broken.putIfAbsent(exercise, what);
                        else notes.add("left out, " + what.replaceFirst("^does not compile", "does not compile") + " (" + m + ")");
                    }
                    if (!putBack) break;
                }
                Path reports = course.resolve(m).resolve("target/surefire-reports");
                for (String e : chosen) {
                    double worth = points.of(m, e);
                    List<ExpectedTests.Method> methods = expected.get(m).get(e);
                    TestResults.ExerciseResults r = TestResults.readExercise(reports, methods);
                    String extra = r.notes().isEmpty() ? "" : " [" + String.join("; ", r.notes()) + "]";
                    if (broken.containsKey(e)) {
                        scores.add(new Score(m, e, 0, methods.size(), worth, 0, broken.get(e) + " (graded as the starter)"));
                    } else if (r.noneRan()) {
                        String why = outcome.timedOut() ? "the module hit the grading time limit (" + o.moduleLimit().toSeconds() + " s)"
                                : !errors.isEmpty() ? "does not compile: " + errors.getFirst()
                                : r.crash() != null && !r.crash().isEmpty() ? "its tests did not run: " + r.crash()
                                : "its tests did not run: the test JVM died (System.exit, a crash, or its time limit)";
                        scores.add(new Score(m, e, 0, methods.size(), worth, 0, why + extra));
                    } else {
                        int passed = (int) r.passed();
                        String note = r.results().stream().filter(x -> x.status() != TestResults.Status.PASSED).findFirst()
                                .map(x -> x.method().name() + ": " + clean(firstLine(x.message(), x.status().name().toLowerCase(Locale.ROOT))))
                                .orElse("");
                        double score = Math.round(worth * passed / methods.size() * 100) / 100.0;
                        scores.add(new Score(m, e, passed, methods.size(), worth, score, note + extra));
                    }
                }
                if (!outcome.timedOut()) sameFiles.put(key, new Reused(st.submission().student(), List.copyOf(scores.subList(first, scores.size()))));
            }
        } finally {
            Course.deleteTree(run);
        }
        Provenance p = provenance(st, tree.commit(), graderDirty, flags, points);
        return new Grade(st.submission().student(), scores, p, notes, st.intake().ignored(), st.intake().hints());
    }

    /** A module's grade made once, for every submission with the same files. */
    private record Reused(String student, List<Score> scores) {}

    private final Map<String, Reused> sameFiles = new HashMap<>();

    /** What decides a module's grade: the taken files that differ from the course's starters, and the files left out as broken. */
    private static String sameFilesKey(String module, List<Intake.Taken> taken, Map<String, String> broken, Path course) throws IOException {
        StringBuilder b = new StringBuilder(module).append('\n');
        for (Intake.Taken t : taken.stream().sorted(java.util.Comparator.comparing(Intake.Taken::rel)).toList()) {
            Path starter = course.resolve(module).resolve("src/main/java").resolve(t.rel());
            if (Files.isRegularFile(starter) && java.util.Arrays.equals(Files.readAllBytes(starter), t.content())) continue;
            b.append(t.rel()).append(' ').append(CourseTree.sha256(t.content())).append('\n');
        }
        broken.forEach((e, why) -> b.append("broken ").append(e).append(' ').append(why).append('\n'));
        return CourseTree.sha256(b.toString().getBytes(StandardCharsets.UTF_8));
    }

    /** The exercise a test source belongs to (course/threads/Ex02_XTest.java -> Ex02_X), or null for support code. */
    private static String testExercise(String rel) {
        String file = rel.substring(rel.lastIndexOf('/') + 1);
        return file.matches("Ex\\d\\d_\\w+Test\\.java") ? file.substring(0, file.length() - "Test.java".length()) : null;
    }

    private Grade failed(Staged st, Map<String, List<String>> exercises, Points points, String graderCommit, boolean graderDirty,
                         String flags, String why) {
        List<Score> scores = new ArrayList<>();
        exercises.forEach((m, es) -> es.forEach(e -> scores.add(new Score(m, e, 0, 0, points.of(m, e), 0, why))));
        Provenance p = provenance(st, graderCommit, graderDirty, flags, points);
        return new Grade(st.submission().student(), scores, p, List.of(why),
                st.intake() == null ? List.of() : st.intake().ignored(), st.intake() == null ? List.of() : st.intake().hints());
    }

    private Provenance provenance(Staged st, String graderCommit, boolean graderDirty, String flags, Points points) {
        Submission s = st.submission();
        return new Provenance(s.source(), s.ref(), st.commit(), st.uncommitted() == null ? "" : st.uncommitted(), graderCommit, graderDirty,
                Instant.now().truncatedTo(ChronoUnit.SECONDS).toString(), flags, sandbox.description(),
                st.intake() == null ? "" : st.intake().sha256(), points.sha256(), st.intake() == null ? 0 : st.intake().taken().size());
    }

    private Runner runner() {
        if (runner == null) runner = mavenRunner();
        return runner;
    }

    // ---------------------------------------------------------------- Maven, in the sandbox

    private Runner mavenRunner() {
        return new Runner() {
            private Path launcher;

            @Override
            public RunOutcome run(Path course, String module, List<String> testClasses, Path log) throws Exception {
                List<String> argLine = new ArrayList<>(List.of("-Xmx512m", "-XX:+DisableAttachMechanism"));
                List<String> extra = new ArrayList<>(List.of("-DreuseForks=false",
                        "-Dcourse.fork.timeout=" + moduleLimit.toSeconds(),
                        "-Dmaven.test.redirectTestOutputToFile=true",
                        // what a test printed never goes into the XML reports the grade is read from
                        "-DenableOutErrElements=false",
                        "-Dsurefire.failIfNoSpecifiedTests=false",
                        "-Denforcer.skip=true", // the course's own pom: checked by the course, not per grading
                        // The explicit classes: a pattern (Ex10*) would also run @Nested classes on their own.
                        "-Dtest=" + String.join(",", testClasses)));
                if (sandbox.on()) {
                    if (launcher == null) {
                        launcher = Sandbox.installLauncher(work.resolve("launcher"), sandbox, Path.of(System.getProperty("java.home")),
                                moduleLimit.multipliedBy(2));
                    }
                    // the class path in $CLASSPATH (plain text), which the sandbox binds entry by entry
                    extra.add("-Dsurefire.useManifestOnlyJar=false");
                    extra.add("-Djvm=" + launcher);
                } else {
                    Path scratch = work.resolve("scratch");
                    Course.deleteTree(scratch);
                    Files.createDirectories(scratch.resolve("tmp"));
                    Files.createDirectories(scratch.resolve("home"));
                    argLine.addAll(List.of("-Djava.io.tmpdir=" + scratch.resolve("tmp"), "-Duser.home=" + scratch.resolve("home")));
                }
                extra.add("-DargLine=" + String.join(" ", argLine));
                Map<String, String> env = new HashMap<>(mavenEnvironment);
                env.put(ProcessTree.MARKER, token);
                Maven.Run r = new Maven(course, moduleLimit).run(log, Maven.testArgs(List.of(module), false, extra.toArray(String[]::new)), env);
                return new RunOutcome(readLog(r.log()), r.timedOut());
            }

            @Override
            public Map<String, Map<String, List<ExpectedTests.Method>>> expected(Path course, List<String> modules, Path log) throws Exception {
                Maven.Run r = new Maven(course, Duration.ofMinutes(20)).run(log,
                        List.of("-q", "test-compile", "-pl", String.join(",", modules), "-Denforcer.skip=true"), Map.of(ProcessTree.MARKER, token));
                if (r.exitCode() != 0) throw new IllegalStateException("the course's tests do not compile at HEAD: see " + log);
                Map<String, Map<String, List<ExpectedTests.Method>>> out = new LinkedHashMap<>();
                for (String m : modules) out.put(m, ExpectedTests.read(course.resolve(m).resolve("target/test-classes")));
                return out;
            }
        };
    }

    private Duration moduleLimit = Duration.ofMinutes(10);

    // ---------------------------------------------------------------- points

    /** Points per exercise: module.exercise = points, 'default' for the rest; its hash covers the graded exercises' values. */
    record Points(Map<String, Double> table, String sha256) {
        double of(String module, String exercise) {
            return table.getOrDefault(module + "/" + exercise, 10.0);
        }

        static Points load(Path file, Map<String, List<String>> exercises) throws IOException {
            Properties p = new Properties();
            if (Files.exists(file)) {
                try (InputStream in = Files.newInputStream(file)) {
                    p.load(in);
                }
            }
            Map<String, Double> table = new LinkedHashMap<>();
            StringBuilder canonical = new StringBuilder();
            for (var e : exercises.entrySet()) {
                for (String x : e.getValue()) {
                    String v = p.getProperty(e.getKey() + "." + x, p.getProperty("default", "10")).strip();
                    double d;
                    try {
                        d = Double.parseDouble(v);
                    } catch (NumberFormatException ex) {
                        throw new ToolException("points: " + e.getKey() + "." + x + " = " + v + " is not a number (" + file + ")");
                    }
                    table.put(e.getKey() + "/" + x, d);
                    canonical.append(e.getKey()).append('/').append(x).append('=').append(Json.number(d)).append('\n');
                }
            }
            return new Points(table, CourseTree.sha256(canonical.toString().getBytes(StandardCharsets.UTF_8)));
        }
    }

    // ---------------------------------------------------------------- reports

    static String submissionName(String submission) {
        String s = submission.replaceAll("[/\\\\]+$", "");
        int hash = s.lastIndexOf('#');
        String ref = hash >= 0 ? "@" + s.substring(hash + 1) : "";
        if (hash >= 0) s = s.substring(0, hash).replaceAll("[/\\\\]+$", "");
        String base = s.substring(Math.max(s.lastIndexOf('/'), s.lastIndexOf('\\')) + 1).replaceAll("\\.git$", "");
        return base + ref;
    }

    static String safeName(String name) {
        String s = name.replaceAll("[^A-Za-z0-9._@-]", "_");
        return s.isEmpty() || s.chars().allMatch(c -> c == '.') ? "_" + s : s;
    }

    private static String uniqueFolder(String name, Set<String> used) {
        String n = name;
        for (int i = 2; !used.add(n.toLowerCase(Locale.ROOT)); i++) n = name + "-" + i;
        return n;
    }

    static Gradebook.Row row(Grade g) {
        Map<String, Double> scores = new LinkedHashMap<>();
        g.scores().forEach(s -> scores.put(s.module() + "/" + s.exercise(), s.score()));
        Provenance p = g.provenance();
        return new Gradebook.Row(g.student(), g.total(), g.max(), scores, p.repository(), p.ref(), p.commit(), p.uncommitted(),
                p.graderCommit(), p.gradedAt(), p.sandbox(), p.flags(), p.inputSha256(), g.hints().size(), clean(String.join("; ", g.notes()), 1000));
    }

    static String markdown(Grade g) {
        StringBuilder b = new StringBuilder();
        b.append("# Grade: ").append(g.student()).append("\n\n");
        b.append(String.format(Locale.ROOT, "**%.1f / %.1f points**%n%n", g.total(), g.max()));
        b.append("| module | exercise | tests passed | score | note |\n|---|---|---|---|---|\n");
        for (Score s : g.scores()) {
            b.append(String.format(Locale.ROOT, "| %s | %s | %d / %d | %.1f / %.1f | %s |%n", s.module(), s.exercise(),
                    s.passed(), s.tests(), s.score(), s.points(), cell(s.note())));
        }
        Provenance p = g.provenance();
        b.append("\n## Provenance\n\n");
        b.append("- submission: ").append(p.repository()).append(p.ref() == null ? "" : " at " + p.ref()).append('\n');
        b.append("- commit: ").append(p.commit() == null ? "none" : p.commit())
         .append(p.uncommitted().isEmpty() ? "" : " (uncommitted changes in the graded folders: " + p.uncommitted() + ")").append('\n');
        b.append("- graded: ").append(p.gradedAt()).append(" by the grader at commit ").append(p.graderCommit())
         .append(p.graderDirty() ? " (its tools had uncommitted changes)" : "").append('\n');
        b.append("- sandbox: ").append(p.sandbox()).append('\n');
        b.append("- flags: `").append(p.flags()).append("`; points table sha256 ").append(p.pointsSha256()).append('\n');
        b.append("- taken files: ").append(p.takenFiles()).append(", sha256 ").append(p.inputSha256()).append('\n');
        section(b, "Notes", g.notes());
        section(b, "Review hints (uses that have no place in these exercises: a flag for a person, not a penalty)",
                g.hints().stream().map(JavaSources.Hint::toString).toList());
        section(b, "Ignored (never compiled or run)", g.ignored());
        return b.toString();
    }

    private static void section(StringBuilder b, String title, List<String> items) {
        if (items.isEmpty()) return;
        b.append("\n## ").append(title).append("\n\n");
        items.forEach(i -> b.append("- ").append(clean(i, 1000)).append('\n'));
    }

    private static String cell(String s) {
        return clean(s, 1000).replace("|", "\\|");
    }

    static String json(Grade g) {
        Map<String, Object> m = new LinkedHashMap<>();
        Provenance p = g.provenance();
        m.put("student", g.student());
        m.put("total", g.total());
        m.put("max", g.max());
        Map<String, Object> prov = new LinkedHashMap<>();
        prov.put("repository", p.repository());
        prov.put("ref", p.ref());
        prov.put("commit", p.commit());
        prov.put("uncommitted_changes", p.uncommitted().isEmpty() ? null : p.uncommitted().equals("yes"));
        prov.put("grader_commit", p.graderCommit());
        prov.put("grader_dirty", p.graderDirty());
        prov.put("graded_at", p.gradedAt());
        prov.put("flags", p.flags());
        prov.put("sandbox", p.sandbox());
        prov.put("points_sha256", p.pointsSha256());
        prov.put("taken_files", p.takenFiles());
        prov.put("input_sha256", p.inputSha256());
        m.put("provenance", prov);
        List<Object> exercises = new ArrayList<>();
        for (Score s : g.scores()) {
            Map<String, Object> x = new LinkedHashMap<>();
            x.put("module", s.module());
            x.put("exercise", s.exercise());
            x.put("passed", s.passed());
            x.put("tests", s.tests());
            x.put("points", s.points());
            x.put("score", s.score());
            x.put("note", clean(s.note(), 1000));
            exercises.add(x);
        }
        m.put("exercises", exercises);
        m.put("notes", g.notes().stream().map(n -> clean(n, 1000)).toList());
        m.put("review_hints", g.hints().stream().map(h -> {
            Map<String, Object> x = new LinkedHashMap<>();
            x.put("file", h.file());
            x.put("line", h.line());
            x.put("what", h.what());
            return (Object) x;
        }).toList());
        m.put("ignored", g.ignored().stream().map(n -> clean(n, 1000)).toList());
        return Json.write(m);
    }

    private static String firstLine(String s, String otherwise) {
        return s == null || s.isBlank() ? otherwise : s.lines().findFirst().orElse(otherwise).strip();
    }

    private static String oneLine(Throwable e) {
        String msg = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return clean(msg.lines().filter(l -> !l.isBlank()).findFirst().orElse(msg));
    }

    /** The longest a message from a submission's run (a failure message, a file name) is in a report. */
    static final int MAX_MESSAGE = 240;

    /**
     * Text that came from a submission, made fit for a report: control and format characters (terminal
     * escapes, bidirectional overrides) become spaces, runs of blanks one space, and it is cut at
     * {@link #MAX_MESSAGE} characters.
     */
    static String clean(String s) {
        return clean(s, MAX_MESSAGE);
    }

    static String clean(String s, int max) {
        if (s == null) return "";
        String t = s.replaceAll("[\\p{Cc}\\p{Cf}\\p{Zl}\\p{Zp}]", " ").replaceAll("\\s+", " ").strip();
        return t.length() <= max ? t : t.substring(0, max - 3) + "...";
    }

    /** A Maven log's lines, at most its first 8 MB (a run's log holds Maven's output, never the tests'). */
    private static List<String> readLog(Path log) throws IOException {
        long max = 8L << 20;
        if (Files.size(log) <= max) return Files.readAllLines(log, StandardCharsets.ISO_8859_1);
        try (InputStream in = Files.newInputStream(log)) {
            return new String(in.readNBytes((int) max), StandardCharsets.ISO_8859_1).lines().toList();
        }
    }
}
