package course.tools;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The grader's own tests: builds fixture submissions from this course (the generated solution
 * branch, the untouched starters, and solutions broken in the ways hostile or careless
 * submissions are broken), grades them as one batch and checks every grade. Fixtures use the
 * first three exercises of one module (the first by default), so the run takes a few minutes.
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

        new SolutionBranch(root).run(List.of());
        Path tmp = Files.createTempDirectory("course-grader-selftest-");
        try {
            Path fixtures = tmp.resolve("submissions");
            Map<String, Map<String, Expect>> expected = new LinkedHashMap<>();
            List<String> submissions = new ArrayList<>();
            String e1 = exercises.get(0), e2 = exercises.get(1), e3 = exercises.get(2);

            submissions.add(root + "#" + SolutionBranch.BRANCH);
            expected.put(Grader.submissionName(submissions.getLast()), all(exercises, Expect.FULL));
            submissions.add(root + "#HEAD");
            expected.put(Grader.submissionName(submissions.getLast()), all(exercises, Expect.ZERO));

            // Ex1 solved; Ex2's test replaced by one that always passes, and the pom vandalised:
            // the grader ignores both, so Ex2 still scores zero.
            Path partial = starters(fixtures.resolve("partial-tampered"), module);
            copyFromSolutions(partial, module, e1);
            Path fakeTest = partial.resolve(module).resolve("src/test/java/" + e2 + "Test.java");
            Files.createDirectories(fakeTest.getParent());
            Files.writeString(fakeTest, "class " + e2 + "Test { @org.junit.jupiter.api.Test void passes() {} }\n");
            Files.writeString(partial.resolve(module).resolve("pom.xml"), "<project>tampered</project>\n");
            expected.put("partial-tampered", Map.of(e1, Expect.FULL, e2, Expect.ZERO, e3, Expect.ZERO));

            Path broken = solutions(fixtures.resolve("compile-error"), module);
            Files.writeString(source(broken, module, e2), "\nthis is not Java\n", java.nio.file.StandardOpenOption.APPEND);
            expected.put("compile-error", all(exercises, Expect.ZERO));

            // A hang that ignores interrupts and a System.exit: each costs only its own exercise.
            Path hostile = solutions(fixtures.resolve("hang-and-exit"), module);
            inject(source(hostile, module, e1), e1, "static { spin(); } private static void spin() { for (;;) Thread.onSpinWait(); }");
            inject(source(hostile, module, e3), e3, "static { System.exit(3); }");
            expected.put("hang-and-exit", Map.of(e1, Expect.ZERO, e2, Expect.FULL, e3, Expect.ZERO));

            // Megabytes of output and 2,000 parked threads: grading finishes, the rest is scored normally.
            Path noisy = solutions(fixtures.resolve("noise-and-threads"), module);
            inject(source(noisy, module, e1), e1, "static { String line = \"x\".repeat(1023);"
                    + " for (int i = 0; i < 16 * 1024; i++) System.out.println(line); }");
            inject(source(noisy, module, e2), e2, "static { for (int i = 0; i < 2_000; i++) Thread.ofPlatform().daemon()"
                    + ".start(() -> { try { Thread.sleep(60_000); } catch (InterruptedException e) { } }); }");
            expected.put("noise-and-threads", Map.of(e1, Expect.FULL, e2, Expect.ANY, e3, Expect.FULL));

            try (Stream<Path> s = Files.list(fixtures)) {
                s.sorted().forEach(p -> submissions.add(p.toString()));
            }

            Grader grader = new Grader(root);
            List<String> args = new ArrayList<>(List.of("--out", tmp.resolve("out").toString(), "--modules", module,
                    "--only", String.join(",", exercises.stream().map(e -> e.substring(0, 4)).toList()),
                    "--module-limit", "300"));
            args.addAll(submissions);
            List<Grader.Grade> grades = grader.gradeCommandLine(args);
            List<String> problems = new ArrayList<>();

            String csv = Files.readString(tmp.resolve("out/grades.csv"));
            for (Grader.Grade grade : grades) {
                Map<String, Expect> want = expected.get(grade.submission());
                if (want == null) {
                    problems.add("unexpected submission " + grade.submission());
                    continue;
                }
                if (!Files.exists(tmp.resolve("out").resolve(grade.submission()).resolve("report.json"))) {
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
            }
            if (grades.size() != expected.size()) {
                problems.add("expected " + expected.size() + " graded submissions, got " + grades.size());
            }
            if (!csv.lines().findFirst().orElse("").startsWith("submission,total,max,")) {
                problems.add("grades.csv has no header row");
            }
            if (!git("status", "--porcelain").equals(statusBefore)) {
                problems.add("grading changed this repository's working tree: " + git("status", "--porcelain"));
            }

            long seconds = (System.nanoTime() - start) / 1_000_000_000L;
            System.out.println();
            System.out.println(csv);
            // One check per fixture submission, plus one for the run as a whole (exit code, CSV, working tree).
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
            Course.deleteTree(tmp);
        }
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

    /** Adds {@code member} right after the opening brace of the top-level type {@code name}. */
    private static void inject(Path source, String name, String member) throws IOException {
        String code = Files.readString(source);
        Matcher m = Pattern.compile("(?m)^(public\\s+)?(final\\s+)?(class|record|enum)\\s+" + name + "\\b[^{]*\\{").matcher(code);
        if (!m.find()) throw new IOException("cannot find the declaration of " + name + " in " + source);
        Files.writeString(source, code.substring(0, m.end()) + "\n    " + member + "\n" + code.substring(m.end()));
    }

    private String git(String... args) throws Exception {
        return Course.git(root, args);
    }
}
