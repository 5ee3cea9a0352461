package course.tools;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The grader's own tests: builds fixture submissions from this course (the generated solution
 * branch, the untouched starters, and solutions broken the ways careless and hostile submissions
 * are), grades them as one batch, sandbox required, and checks that every one gets exactly its
 * honest grade, that classmates' folders, this repository, $HOME, ~/.m2 and /tmp are untouched, that
 * grades.csv stays as it was after grading, and that no process of a submission outlives it.
 * Fixtures use the first three exercises of one module (the first by default).
 */
final class GraderSelfTest {

    /** What an exercise's grade must be. */
    enum Expect { FULL, ZERO, ANY }

    private final Path root;

    GraderSelfTest(Path root) {
        this.root = root;
    }

    /** Grades fixtures built from {@code named} (default: the first module). */
    int run(List<String> named) throws Exception {
        long start = System.nanoTime();
        String module = Course.modules(root, named).getFirst();
        List<String> exercises = Progress.exercises(root.resolve(module)).subList(0, 3);
        String statusBefore = git("status", "--porcelain");
        boolean linux = System.getProperty("os.name", "").toLowerCase().contains("linux");
        String nonce = HexFormat.of().formatHex(java.security.SecureRandom.getSeed(8));

        new SolutionBranch(root).run(List.of());
        Path tmp = Files.createTempDirectory("course-grader-selftest-");
        List<Path> canaries = new ArrayList<>();
        try {
            Path fixtures = tmp.resolve("submissions");
            Path outDir = tmp.resolve("out");
            Map<String, Map<String, Expect>> expected = new LinkedHashMap<>();
            List<String> submissions = new ArrayList<>();
            String e1 = exercises.get(0), e2 = exercises.get(1), e3 = exercises.get(2);
            Path home = Path.of(System.getProperty("user.home"));
            String envHome = System.getenv().getOrDefault("HOME", home.toString());
            for (Path dir : List.of(Path.of("/tmp"), Path.of(envHome), home.resolve(".m2"), root, root.resolve("target"))) {
                canaries.add(dir.resolve("course-attack-" + nonce));
            }

            // Hostile, graded first: sabotages classmates' folders, poisons the grader's tests, writes
            // outside its scratch folder, and leaves a process behind to forge grades.csv after the grader ends.
            Path saboteur = null;
            if (linux) {
                saboteur = solutions(fixtures.resolve("attack-classmates"), module);
                String testSource = "package " + packageOf(saboteur, module, e2) + "; class " + e2 + "Test {"
                        + " @org.junit.jupiter.api.Test void passes() {} } // " + nonce;
                String testRel = module + "/src/test/java/" + packageOf(saboteur, module, e2).replace('.', '/') + "/" + e2 + "Test.java";
                StringBuilder attack = new StringBuilder(HELPERS.formatted(nonce));
                attack.append("static { try {\n");
                attack.append("  java.nio.file.Path work = java.nio.file.Path.of(\"\").toAbsolutePath().getParent().getParent().getParent();\n");
                attack.append("  spoilJava(java.nio.file.Path.of(").append(lit(fixtures.toString())).append("));\n");
                attack.append("  spoilJava(work.resolve(\"staging\"));\n");
                attack.append("  write(work.resolve(\"course-HEAD\").resolve(").append(lit(testRel)).append(").toString(), ").append(lit(testSource)).append(");\n");
                attack.append("  write(").append(lit(root.resolve(testRel).toString())).append(", ").append(lit(testSource)).append(");\n");
                attack.append("  write(\"src/test/java/\" + ").append(lit(testRel.substring(module.length() + "/src/test/java/".length())))
                      .append(", ").append(lit(testSource)).append(");\n");
                for (Path c : canaries) attack.append("  write(").append(lit(c.toString())).append(", \"written by a submission\");\n");
                attack.append("  write(\"course-attack-").append(nonce).append("\", \"x\"); write(\"target/course-attack-").append(nonce).append("\", \"x\");\n");
                attack.append("  detached(\"sleep 2; i=0; while [ $i -lt 60 ]; do echo forged > ").append(shq(outDir.resolve("grades.csv").toString()))
                      .append("; i=$((i+1)); sleep 0.5; done\");\n");
                attack.append("} catch (Throwable t) { } }\n");
                inject(source(saboteur, module, e1), e1, attack.toString());
                expected.put("attack-classmates", all(exercises, Expect.FULL));
                submissions.add(saboteur.toString());
            }

            submissions.add(root + "#" + SolutionBranch.BRANCH);
            expected.put(Grader.submissionName(submissions.getLast()), all(exercises, Expect.FULL));
            submissions.add(root + "#HEAD");
            expected.put(Grader.submissionName(submissions.getLast()), all(exercises, Expect.ZERO));

            // Hostile: forges reports (a fake file, a detached rewriter, a shutdown hook and a lingering
            // thread that rewrite them, a malformed one), and hands in a shadowed JUnit class, a class named
            // like a test and a resource, all of which must be ignored. Only the solved first exercise scores.
            if (linux) {
                Path forger = starters(fixtures.resolve("attack-reports"), module);
                copyFromSolutions(forger, module, e1);
                String pkg = packageOf(forger, module, e1);
                String reports = "target/surefire-reports/";
                String fake = fakeReport(module, pkg, List.of(e1, e2, e3));
                inject(source(forger, module, e1), e1, HELPERS.formatted(nonce) + "static { try {\n"
                        + "  write(" + lit(reports + "TEST-" + pkg + ".Extra.xml") + ", " + lit(fake) + ");\n"
                        + "  write(" + lit(reports + "TEST-" + pkg + "." + e2 + "Test.xml") + ", " + lit(fake) + ");\n"
                        + "  write(" + lit(reports + "TEST-" + pkg + "." + e3 + "Test.xml") + ", " + lit(fake) + ");\n"
                        + "} catch (Throwable t) { } }\n");
                inject(source(forger, module, e2), e2, HELPERS.formatted(nonce) + "static { try {\n"
                        + "  write(" + lit(reports + "TEST-" + pkg + "." + e1 + "Test.xml") + ", \"<testsuite><testcase name=\");\n"
                        + "  detached(\"i=0; while [ $i -lt 300 ]; do for f in \" + java.nio.file.Path.of(\"" + reports
                        + "\").toAbsolutePath() + \"/TEST-*.xml; do sed -i -e '/<failure/,/<\\\\/failure>/d' -e '/<error/,/<\\\\/error>/d' \\\"$f\\\"; done; i=$((i+1)); sleep 0.1; done\");\n"
                        + "} catch (Throwable t) { } }\n");
                inject(source(forger, module, e3), e3, HELPERS.formatted(nonce) + "static { try {\n"
                        + "  Runnable forge = () -> write(" + lit(reports + "TEST-" + pkg + "." + e3 + "Test.xml") + ", " + lit(fake) + ");\n"
                        + "  Runtime.getRuntime().addShutdownHook(new Thread(forge));\n"
                        + "  Thread t = new Thread(() -> { try { Thread.sleep(1500); } catch (InterruptedException e) { } forge.run(); });\n"
                        + "  t.setDaemon(false); t.start();\n"
                        + "} catch (Throwable t) { } }\n");
                Path main = forger.resolve(module).resolve("src/main/java");
                String dir = pkg.replace('.', '/');
                write(main.resolve("org/junit/platform/engine/TestExecutionResult.java"),
                        "package org.junit.platform.engine;\npublic class TestExecutionResult { }\n");
                write(main.resolve(dir + "/TestExecutionResult.java"), "package org.junit.platform.engine;\npublic class TestExecutionResult { }\n");
                write(main.resolve(dir + "/" + e2 + "Test.java"), "package " + pkg + ";\nclass " + e2 + "Test { }\n");
                write(main.resolve(dir + "/junit-platform.properties"), "junit.jupiter.execution.timeout.default = 1 h\n");
                expected.put("attack-reports", Map.of(e1, Expect.FULL, e2, Expect.ZERO, e3, Expect.ZERO));
                submissions.add(forger.toString());
            }

            // Careless: Ex1 solved; Ex2's test replaced by one that always passes, and the pom vandalised:
            // the grader ignores both, so Ex2 still scores zero.
            Path partial = starters(fixtures.resolve("partial-tampered"), module);
            copyFromSolutions(partial, module, e1);
            Path fakeTest = partial.resolve(module).resolve("src/test/java/" + e2 + "Test.java");
            write(fakeTest, "class " + e2 + "Test { @org.junit.jupiter.api.Test void passes() {} }\n");
            Files.writeString(partial.resolve(module).resolve("pom.xml"), "<project>tampered</project>\n");
            expected.put("partial-tampered", Map.of(e1, Expect.FULL, e2, Expect.ZERO, e3, Expect.ZERO));
            submissions.add(partial.toString());

            // Careless: one file that parses but does not compile: only its exercise scores zero.
            Path broken = solutions(fixtures.resolve("compile-error"), module);
            inject(source(broken, module, e2), e2, "static final int NOT_A_NUMBER = \"forty-two\";");
            expected.put("compile-error", Map.of(e1, Expect.FULL, e2, Expect.ZERO, e3, Expect.FULL));
            submissions.add(broken.toString());

            // A hang that ignores interrupts and a System.exit: each costs only its own exercise. The hang
            // sleeps rather than spins: a spinning one held a core for every test of Ex01 (their time limits
            // in a row), which only slowed whatever else CI was running.
            Path hostile = solutions(fixtures.resolve("hang-and-exit"), module);
            inject(source(hostile, module, e1), e1, "static { hang(); } private static void hang() { for (;;) {"
                    + " try { Thread.sleep(60_000); } catch (InterruptedException ignored) { } } }");
            inject(source(hostile, module, e3), e3, "static { System.exit(3); }");
            expected.put("hang-and-exit", Map.of(e1, Expect.ZERO, e2, Expect.FULL, e3, Expect.ZERO));
            submissions.add(hostile.toString());

            // Megabytes of output and 2,000 parked threads: grading finishes, the rest is scored normally.
            // The output comes from a thread of its own: printed inside a test, its time would count against
            // that test's time limit, and on a loaded CI machine 16 MiB once took longer than Ex01's 5 s.
            Path noisy = solutions(fixtures.resolve("noise-and-threads"), module);
            inject(source(noisy, module, e1), e1, "static { Thread.ofPlatform().name(\"noise\").start(() -> {"
                    + " String line = \"x\".repeat(1023); for (int i = 0; i < 16 * 1024; i++) System.out.println(line); }); }");
            inject(source(noisy, module, e2), e2, "static { for (int i = 0; i < 2_000; i++) Thread.ofPlatform().daemon()"
                    + ".start(() -> { try { Thread.sleep(60_000); } catch (InterruptedException e) { } }); }");
            expected.put("noise-and-threads", Map.of(e1, Expect.FULL, e2, Expect.ANY, e3, Expect.FULL));
            submissions.add(noisy.toString());

            Map<String, String> fixturesBefore = hashes(fixtures);
            Grader grader = new Grader(root);
            List<String> args = new ArrayList<>(List.of("--out", outDir.toString(), "--modules", module,
                    "--only", String.join(",", exercises.stream().map(e -> e.substring(0, 4)).toList()),
                    "--module-limit", "300", "--sandbox=" + (linux ? "required" : "auto")));
            args.addAll(submissions);
            List<Grader.Grade> grades;
            try {
                grades = grader.gradeCommandLine(args);
            } catch (IllegalStateException e) {
                System.out.println("Grader self-test FAILED: " + e.getMessage());
                System.out.println("  (on Linux the self-test needs bubblewrap: apt-get install bubblewrap)");
                return 1;
            }
            String csvHash = Gradebook.sha256(outDir.resolve("grades.csv"));
            List<String> problems = new ArrayList<>();

            for (Grader.Grade grade : grades) {
                Map<String, Expect> want = expected.get(grade.submission());
                if (want == null) {
                    problems.add("unexpected submission " + grade.submission());
                    continue;
                }
                if (!Files.exists(outDir.resolve(Grader.safeName(grade.submission())).resolve("report.json"))) {
                    problems.add(grade.submission() + " has no report.json");
                }
                Map<String, Grader.Score> byExercise = new LinkedHashMap<>();
                grade.scores().forEach(sc -> byExercise.put(sc.exercise(), sc));
                for (var w : want.entrySet()) {
                    Grader.Score got = byExercise.get(w.getKey());
                    Predicate<Grader.Score> ok = switch (w.getValue()) {
                        case FULL -> sc -> sc != null && sc.tests() > 0 && sc.score() == sc.points();
                        case ZERO -> sc -> sc != null && sc.score() == 0;
                        case ANY -> sc -> sc != null;
                    };
                    if (!ok.test(got)) {
                        problems.add(grade.submission() + " " + w.getKey() + ": expected " + w.getValue() + ", got "
                                + (got == null ? "no grade" : got.score() + "/" + got.points() + " (" + got.note() + ")"));
                    }
                }
                if (grade.notes().stream().anyMatch(n -> n.contains("course tree had changed"))) {
                    problems.add(grade.submission() + ": the grader's course tree had been changed before it was graded");
                }
                switch (grade.submission()) {
                    case "compile-error" -> {
                        if (!byExercise.get(e2).note().startsWith("does not compile")) {
                            problems.add("compile-error " + e2 + ": the note should say it does not compile, says: " + byExercise.get(e2).note());
                        }
                    }
                    case "attack-reports" -> {
                        String ignored = String.join("\n", grade.ignored());
                        for (String f : List.of("org/junit/platform/engine/TestExecutionResult.java", "/TestExecutionResult.java (declares package",
                                e2 + "Test.java (declares", "junit-platform.properties (not a Java")) {
                            if (!ignored.contains(f)) problems.add("attack-reports : the report does not list as ignored: " + f);
                        }
                        if (grade.hints().stream().noneMatch(h -> h.what().startsWith("adds a shutdown hook"))
                                || grade.hints().stream().noneMatch(h -> h.what().startsWith("starts a process"))) {
                            problems.add("attack-reports : the review hints miss the shutdown hook or the process: " + grade.hints());
                        }
                    }
                    case "partial-tampered" -> {
                        if (grade.ignored().stream().noneMatch(i -> i.startsWith(module + "/pom.xml"))) {
                            problems.add("partial-tampered : the report does not list the vandalised pom as ignored");
                        }
                    }
                    default -> { }
                }
            }
            if (grades.size() != expected.size()) {
                problems.add("expected " + expected.size() + " graded submissions, got " + grades.size());
            }
            String csv = Files.readString(outDir.resolve("grades.csv"));
            if (!csv.lines().findFirst().orElse("").startsWith("student,total,max,")) {
                problems.add("grades.csv has no header row");
            }
            if (!git("status", "--porcelain").equals(statusBefore)) {
                problems.add("grading changed this repository's working tree: " + git("status", "--porcelain"));
            }
            if (!hashes(fixtures).equals(fixturesBefore)) {
                problems.add("the submissions' own folders changed while they were graded");
            }
            for (Path c : canaries) {
                if (Files.exists(c)) problems.add("a submission wrote outside its scratch folder: " + c);
            }
            // Anything left behind would forge grades.csv now that the grader is done.
            Thread.sleep(10_000);
            if (!Gradebook.sha256(outDir.resolve("grades.csv")).equals(csvHash)) {
                problems.add("grades.csv changed after the grader finished");
            }
            List<Long> lingering = withInCommandLine(nonce);
            if (!lingering.isEmpty()) problems.add("processes of a submission outlived the grading: " + lingering);

            long seconds = (System.nanoTime() - start) / 1_000_000_000L;
            System.out.println();
            System.out.println(csv.lines().map(GraderSelfTest::shortRow).reduce((a, b) -> a + "\n" + b).orElse(""));
            System.out.println();
            if (!linux) System.out.println("(no sandbox on this OS: the attack fixtures were left out)");
            // One check per fixture submission, plus one for the run as a whole (files, processes, working tree).
            long badFixtures = expected.keySet().stream().filter(f -> problems.stream().anyMatch(p -> p.startsWith(f + " "))).count();
            boolean runOk = problems.stream().allMatch(p -> expected.keySet().stream().anyMatch(f -> p.startsWith(f + " ")));
            System.out.printf("grader-selftest: %d passed, %d failed%n", expected.size() - badFixtures + (runOk ? 1 : 0),
                    badFixtures + (runOk ? 0 : 1));
            if (problems.isEmpty()) {
                System.out.printf("Grader self-test PASSED: %d fixture submissions graded as expected in %d s%n", expected.size(), seconds);
                return 0;
            }
            System.out.println("Grader self-test FAILED:");
            problems.forEach(p -> System.out.println("  - " + p));
            return 1;
        } finally {
            for (Path c : canaries) Files.deleteIfExists(c);
            ProcessTree.killAll(null, null);
            for (long pid : withInCommandLine(nonce)) ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
            Course.deleteTree(tmp);
        }
    }

    /** Code the attack fixtures share: write a file, spoil .java files under a folder, start a process that leaves its parent. */
    private static final String HELPERS = """
            private static void write(String path, String content) {
                try { java.nio.file.Path p = java.nio.file.Path.of(path); java.nio.file.Files.createDirectories(p.toAbsolutePath().getParent());
                      java.nio.file.Files.writeString(p, content); } catch (Throwable t) { }
            }
            private static void spoilJava(java.nio.file.Path dir) {
                try (var s = java.nio.file.Files.walk(dir, 12)) {
                    s.filter(p -> p.toString().endsWith(".java") && !p.toString().contains("attack-")).limit(500)
                     .forEach(p -> write(p.toString(), "this is not Java"));
                } catch (Throwable t) { }
            }
            private static void detached(String script) {
                try { new ProcessBuilder("setsid", "sh", "-c", script + " # course-attack-%s")
                        .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(ProcessBuilder.Redirect.DISCARD).start(); }
                catch (Throwable t) { }
            }
            """;

    /** A surefire report that lists every test of the exercises as passed. */
    private String fakeReport(String module, String pkg, List<String> exercises) throws IOException {
        StringBuilder b = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuite name=\"" + pkg + ".Extra\" failures=\"0\" errors=\"0\">\n");
        for (String e : exercises) {
            Path test = root.resolve(module).resolve("src/test/java").resolve(pkg.replace('.', '/')).resolve(e + "Test.java");
            Matcher m = Pattern.compile("@Test\\b[^;{]*?void\\s+(\\w+)\\s*\\(").matcher(Files.readString(test));
            while (m.find()) {
                b.append("  <testcase name=\"").append(m.group(1)).append("\" classname=\"").append(pkg).append('.').append(e).append("Test\" time=\"0.01\"/>\n");
            }
        }
        return b.append("</testsuite>\n").toString();
    }

    /** Processes whose command line contains {@code text} (Linux; none elsewhere). */
    private static List<Long> withInCommandLine(String text) {
        List<Long> out = new ArrayList<>();
        Path proc = Path.of("/proc");
        if (!Files.isDirectory(proc)) return out;
        long self = ProcessHandle.current().pid();
        try (Stream<Path> s = Files.list(proc)) {
            for (Path p : s.filter(x -> x.getFileName().toString().matches("\\d+")).toList()) {
                try {
                    String cmd = new String(Files.readAllBytes(p.resolve("cmdline")), StandardCharsets.UTF_8);
                    long pid = Long.parseLong(p.getFileName().toString());
                    if (pid != self && cmd.contains("course-attack-" + text)) out.add(pid);
                } catch (IOException e) {
                    // gone
                }
            }
        } catch (IOException e) {
            // no /proc
        }
        return out;
    }

    /** The CSV row without its long provenance columns, for the console. */
    private static String shortRow(String line) {
        List<String> f = Csv.parse(line).getFirst();
        int keep = f.size() - Gradebook.TAIL.size();
        return String.join(",", f.subList(0, Math.max(keep, 0)));
    }

    private static Map<String, String> hashes(Path dir) throws IOException {
        Map<String, String> out = new TreeMap<>();
        if (!Files.isDirectory(dir)) return out;
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.filter(Files::isRegularFile).toList()) out.put(dir.relativize(p).toString(), CourseTree.sha256(Files.readAllBytes(p)));
        }
        return out;
    }

    private static Map<String, Expect> all(List<String> exercises, Expect e) {
        Map<String, Expect> m = new LinkedHashMap<>();
        exercises.forEach(x -> m.put(x, e));
        return m;
    }

    /** A submission folder holding the module's starters, as committed. */
    private Path starters(Path into, String module) throws Exception {
        return tree(into, module, module + "/src/main/java/");
    }

    /** A submission folder holding the module's reference code, as committed. */
    private Path solutions(Path into, String module) throws Exception {
        return tree(into, module, "solutions/" + module + "/src/main/java/");
    }

    private Path tree(Path into, String module, String committedPrefix) throws Exception {
        Path target = into.resolve(module).resolve("src/main/java");
        for (String f : git("ls-tree", "-r", "--name-only", "HEAD", "--", committedPrefix).lines().toList()) {
            Path dst = target.resolve(f.substring(committedPrefix.length()));
            Files.createDirectories(dst.getParent());
            Files.writeString(dst, git("show", "HEAD:" + f));
        }
        return into;
    }

    /** Replaces one exercise's starter in a submission with its committed reference code. */
    private void copyFromSolutions(Path submission, String module, String exercise) throws Exception {
        Path mainDir = submission.resolve(module).resolve("src/main/java");
        Path starter = source(submission, module, exercise);
        String rel = mainDir.relativize(starter).toString().replace('\\', '/');
        Files.writeString(starter, git("show", "HEAD:solutions/" + module + "/src/main/java/" + rel));
    }

    private static Path source(Path submission, String module, String exercise) throws IOException {
        return Progress.sourceOf(submission.resolve(module), exercise)
                .orElseThrow(() -> new IOException("no source for " + exercise + " in " + submission));
    }

    private static String packageOf(Path submission, String module, String exercise) throws IOException {
        Path main = submission.resolve(module).resolve("src/main/java");
        Path rel = main.relativize(source(submission, module, exercise).getParent());
        return rel.toString().replace('/', '.').replace('\\', '.');
    }

    /** Adds {@code member} right after the opening brace of the top-level type {@code name}. */
    private static void inject(Path source, String name, String member) throws IOException {
        String code = Files.readString(source);
        Matcher m = Pattern.compile("(?m)^(public\\s+)?(final\\s+)?(class|record|enum)\\s+" + name + "\\b[^{]*\\{").matcher(code);
        if (!m.find()) throw new IOException("cannot find the declaration of " + name + " in " + source);
        Files.writeString(source, code.substring(0, m.end()) + "\n    " + member + "\n" + code.substring(m.end()));
    }

    private static void write(Path p, String content) throws IOException {
        Files.createDirectories(p.getParent());
        Files.writeString(p, content);
    }

    /** A Java string literal. */
    private static String lit(String s) {
        return Json.quote(s);
    }

    /** A word for sh, single-quoted. */
    private static String shq(String s) {
        return "'" + s.replace("'", "'\\''") + "'";
    }

    private String git(String... args) throws Exception {
        return Course.git(root, args);
    }
}
