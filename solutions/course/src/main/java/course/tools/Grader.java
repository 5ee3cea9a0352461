package course.tools;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Grades learners' submissions with THIS repository's tests.
 *
 * <p>Only a submission's {@code module-NN-*\/src/main/java} is taken: its tests, poms and
 * everything else are ignored. Each submission is graded in a fresh temporary copy of this
 * course, module by module, in test JVMs forked per test class (so a System.exit or a crash
 * costs only that exercise), with a time limit per test (junit-platform.properties), per test
 * JVM and per module. Writes report.md and report.json per submission and one grades.csv row
 * per submission.
 *
 * <pre>
 *   grade SUBMISSION... [--batch DIR] [--out DIR] [--modules m1,m2] [--only Ex01,Ex02]
 *         [--points FILE] [--module-limit SECONDS]
 *   SUBMISSION: a folder (a learner's clone), or a git URL or repository path, optionally #REF
 * </pre>
 */
final class Grader {

    /** One exercise's grade. */
    record Score(String module, String exercise, int passed, int tests, double points, double score, String note) {}

    /** One submission's grades. */
    record Grade(String submission, List<Score> scores) {
        double total() { return scores.stream().mapToDouble(Score::score).sum(); }
        double max() { return scores.stream().mapToDouble(Score::points).sum(); }
    }

    private final Path root;
    private Path out;
    private List<String> modules = List.of();
    private List<String> only = List.of();
    private Path pointsFile;
    private Duration moduleLimit = Duration.ofMinutes(10);

    Grader(Path root) {
        this.root = root;
        this.out = root.resolve("target/grades");
        this.pointsFile = root.resolve("solutions/course/points.properties");
    }

    int run(List<String> args) throws Exception {
        List<Grade> grades = gradeCommandLine(args);
        if (grades == null) {
            System.err.println("grade: name at least one submission (a folder, or a git URL#ref), or --batch DIR");
            return 2;
        }
        System.out.println();
        for (Grade g : grades) {
            System.out.printf("%-40s %6.1f / %.1f%n", g.submission(), g.total(), g.max());
        }
        System.out.println("Reports: " + out + " (grades.csv, and report.md / report.json per submission)");
        return 0;
    }

    /** Grades what the command line names and writes the reports; null when it names nothing. */
    List<Grade> gradeCommandLine(List<String> args) throws Exception {
        List<String> submissions = new ArrayList<>();
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            switch (a) {
                case "--out" -> out = Path.of(args.get(++i)).toAbsolutePath();
                case "--modules" -> modules = Course.modules(root, List.of(args.get(++i)));
                case "--only" -> only = List.of(args.get(++i).split(","));
                case "--points" -> pointsFile = Path.of(args.get(++i)).toAbsolutePath();
                case "--module-limit" -> moduleLimit = Duration.ofSeconds(Long.parseLong(args.get(++i)));
                case "--batch" -> {
                    try (Stream<Path> s = Files.list(Path.of(args.get(++i)))) {
                        s.filter(Files::isDirectory).sorted().forEach(p -> submissions.add(p.toString()));
                    }
                }
                default -> submissions.add(a);
            }
        }
        if (submissions.isEmpty()) return null;
        if (modules.isEmpty()) modules = Course.modules(root, List.of());
        return gradeAll(submissions);
    }

    List<Grade> gradeAll(List<String> submissions) throws Exception {
        Files.createDirectories(out);
        Properties points = new Properties();
        if (Files.exists(pointsFile)) {
            try (InputStream in = Files.newInputStream(pointsFile)) {
                points.load(in);
            }
        }
        List<Grade> grades = new ArrayList<>();
        for (String s : submissions) {
            Grade g = grade(s, points);
            grades.add(g);
            Path dir = out.resolve(safeName(g.submission()));
            Files.createDirectories(dir);
            Files.writeString(dir.resolve("report.md"), markdown(g));
            Files.writeString(dir.resolve("report.json"), json(g));
        }
        Files.writeString(out.resolve("grades.csv"), csv(grades));
        return grades;
    }

    /** Grades one submission in a temporary copy of the course; deletes the copy afterwards. */
    Grade grade(String submission, Properties points) throws Exception {
        String name = submissionName(submission);
        System.out.println("Grading " + name + " ...");
        Path tmp = Files.createTempDirectory("course-grade-");
        try {
            Path learner = fetch(submission, tmp.resolve("submission"));
            Path course = tmp.resolve("course");
            copyCourse(course);
            List<Score> scores = new ArrayList<>();
            for (String m : modules) {
                scores.addAll(gradeModule(course, learner, m, tmp, points));
            }
            return new Grade(name, scores);
        } finally {
            Course.deleteTree(tmp);
        }
    }

    private List<Score> gradeModule(Path course, Path learner, String m, Path tmp, Properties points) throws Exception {
        Path mod = course.resolve(m);
        List<String> exercises = Progress.exercises(mod).stream()
                .filter(e -> only.isEmpty() || only.stream().anyMatch(e::startsWith)).toList();
        Path theirs = learner.resolve(m).resolve("src/main/java");
        String missing = null;
        if (Files.isDirectory(theirs, LinkOption.NOFOLLOW_LINKS)) {
            copyJavaTree(theirs, mod.resolve("src/main/java"));
        } else {
            missing = "the submission has no " + m + "/src/main/java";
        }

        Maven.Run run = null;
        List<String> log = List.of();
        if (missing == null) {
            Files.createDirectories(tmp.resolve("home"));
            Files.createDirectories(tmp.resolve("tmp"));
            List<String> args = new ArrayList<>(Maven.testArgs(List.of(m), false,
                    "-DreuseForks=false",
                    "-Dcourse.fork.timeout=" + moduleLimit.toSeconds(),
                    "-Dmaven.test.redirectTestOutputToFile=true",
                    "-Dsurefire.failIfNoSpecifiedTests=false",
                    "-Denforcer.skip=true", // the course's own pom: checked by the course, not per grading
                    "-DargLine=-Xmx512m -Djava.io.tmpdir=" + tmp.resolve("tmp") + " -Duser.home=" + tmp.resolve("home")));
            if (!only.isEmpty()) {
                args.add("-Dtest=" + only.stream().map(e -> e + "*").collect(Collectors.joining(",")));
            }
            run = new Maven(course, moduleLimit).run(tmp.resolve("logs").resolve(m + ".log"), args);
            log = Files.readAllLines(run.log());
        }
        var results = TestResults.byExercise(TestResults.read(mod.resolve("target/surefire-reports")));
        List<String> compileErrors = Progress.compileErrors(log, m);

        List<Score> scores = new ArrayList<>();
        for (String e : exercises) {
            double worth = Double.parseDouble(points.getProperty(m + "." + e, points.getProperty("default", "10")));
            var tests = results.get(e);
            if (tests == null || tests.isEmpty()) {
                String why = missing != null ? missing
                        : !compileErrors.isEmpty() ? "does not compile: " + compileErrors.getFirst()
                        : run.timedOut() ? "the module hit the grading time limit (" + moduleLimit.toSeconds() + " s)"
                        : "its tests did not run: the test JVM died (System.exit, a crash, or its time limit)";
                scores.add(new Score(m, e, 0, 0, worth, 0, why));
                continue;
            }
            int passed = (int) tests.values().stream().filter(o -> o.status() == TestResults.Status.PASSED).count();
            String note = tests.values().stream().filter(o -> o.status() != TestResults.Status.PASSED).findFirst()
                    .map(o -> o.name() + ": " + o.message().lines().findFirst().orElse(o.status().name().toLowerCase()))
                    .orElse("");
            double score = Math.round(worth * passed / tests.size() * 100) / 100.0;
            scores.add(new Score(m, e, passed, tests.size(), worth, score, note));
        }
        return scores;
    }

    /** A folder as it is, or a git repository cloned (at #REF if given) into {@code into}. */
    private Path fetch(String submission, Path into) throws Exception {
        Path dir = Path.of(submission);
        if (!submission.contains("#") && !submission.contains("://") && Files.isDirectory(dir)) {
            return dir.toAbsolutePath();
        }
        int hash = submission.lastIndexOf('#');
        String url = hash >= 0 ? submission.substring(0, hash) : submission;
        String ref = hash >= 0 ? submission.substring(hash + 1) : null;
        Course.exec(List.of("git", "clone", "--quiet", "--no-checkout", url, into.toString()), null);
        Course.git(into, "checkout", "--quiet", ref == null ? "HEAD" : ref);
        return into;
    }

    /** This course as git tracks it (its working-tree content), without solutions/ or any build output. */
    private void copyCourse(Path into) throws Exception {
        String files = Course.git(root, "ls-files", "-z");
        for (String f : files.split("\0")) {
            if (f.isEmpty() || f.startsWith("solutions/")) continue;
            Path src = root.resolve(f);
            if (!Files.isRegularFile(src, LinkOption.NOFOLLOW_LINKS)) continue;
            Path dst = into.resolve(f);
            Files.createDirectories(dst.getParent());
            Files.copy(src, dst, StandardCopyOption.COPY_ATTRIBUTES);
        }
    }

    /** Replaces {@code to} with the .java files of {@code from} (links are not followed). */
    private static void copyJavaTree(Path from, Path to) throws IOException {
        Course.deleteTree(to);
        Files.createDirectories(to);
        try (Stream<Path> s = Files.walk(from)) {
            for (Path p : s.filter(p -> p.toString().endsWith(".java") && Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)).toList()) {
                Path dst = to.resolve(from.relativize(p).toString());
                Files.createDirectories(dst.getParent());
                Files.copy(p, dst);
            }
        }
    }

    static String submissionName(String submission) {
        String s = submission.replaceAll("[/\\\\]+$", "");
        int hash = s.lastIndexOf('#');
        String ref = hash >= 0 ? "@" + s.substring(hash + 1) : "";
        if (hash >= 0) s = s.substring(0, hash).replaceAll("[/\\\\]+$", "");
        String base = s.substring(Math.max(s.lastIndexOf('/'), s.lastIndexOf('\\')) + 1).replaceAll("\\.git$", "");
        return base + ref;
    }

    private static String safeName(String name) {
        return name.replaceAll("[^A-Za-z0-9._@-]", "_");
    }

    static String markdown(Grade g) {
        StringBuilder b = new StringBuilder();
        b.append("# Grade: ").append(g.submission()).append("\n\n");
        b.append(String.format(Locale.ROOT, "**%.1f / %.1f points**%n%n", g.total(), g.max()));
        b.append("| module | exercise | tests passed | score | note |\n|---|---|---|---|---|\n");
        for (Score s : g.scores()) {
            b.append(String.format(Locale.ROOT, "| %s | %s | %d / %d | %.1f / %.1f | %s |%n", s.module(), s.exercise(),
                    s.passed(), s.tests(), s.score(), s.points(), s.note().replace("|", "\\|").replace("\n", " ")));
        }
        return b.toString();
    }

    static String json(Grade g) {
        String scores = g.scores().stream().map(s -> String.format(Locale.ROOT,
                "    {\"module\": %s, \"exercise\": %s, \"passed\": %d, \"tests\": %d, \"points\": %s, \"score\": %s, \"note\": %s}",
                q(s.module()), q(s.exercise()), s.passed(), s.tests(), num(s.points()), num(s.score()), q(s.note())))
                .collect(Collectors.joining(",\n"));
        return "{\n  \"submission\": " + q(g.submission()) + ",\n  \"total\": " + num(g.total()) + ",\n  \"max\": " + num(g.max())
                + ",\n  \"exercises\": [\n" + scores + "\n  ]\n}\n";
    }

    static String csv(List<Grade> grades) {
        Map<String, Integer> columns = new LinkedHashMap<>();
        grades.forEach(g -> g.scores().forEach(s -> columns.putIfAbsent(s.module() + "/" + s.exercise(), columns.size())));
        StringBuilder b = new StringBuilder("submission,total,max");
        columns.keySet().forEach(c -> b.append(',').append(c));
        b.append('\n');
        for (Grade g : grades) {
            b.append(csvField(g.submission())).append(',').append(num(g.total())).append(',').append(num(g.max()));
            Map<String, Double> byColumn = g.scores().stream()
                    .collect(Collectors.toMap(s -> s.module() + "/" + s.exercise(), Score::score, (x, y) -> x));
            columns.keySet().forEach(c -> b.append(',').append(byColumn.containsKey(c) ? num(byColumn.get(c)) : ""));
            b.append('\n');
        }
        return b.toString();
    }

    private static String csvField(String s) {
        return s.matches("[^,\"\n]*") ? s : "\"" + s.replace("\"", "\"\"") + "\"";
    }

    private static String num(double d) {
        return d == Math.rint(d) ? String.valueOf((long) d) : String.format(Locale.ROOT, "%.2f", d);
    }

    private static String q(String s) {
        StringBuilder b = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                default -> {
                    if (c < 0x20) b.append(String.format("\\u%04x", (int) c));
                    else b.append(c);
                }
            }
        }
        return b.append('"').toString();
    }
}
