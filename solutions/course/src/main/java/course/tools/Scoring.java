package course.tools;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.*;
import java.util.*;

/** Scoring: each exercise's points (from its module's manifest) and its verdict from the reports of its expected tests. */
final class Scoring {

    /** Points per "module/exercise"; the hash covers the graded exercises' values. */
    record Points(Map<String, Double> table, String sha256) {
        double of(String module, String exercise) { return table.getOrDefault(module + "/" + exercise, 10.0); }

        /** Each exercise's points from its manifest in {@code course}, unless {@code override} (module.exercise = points, default = N) says otherwise. */
        static Points load(Path course, Path override, Map<String, List<String>> exercises) throws IOException {
            Properties p = new Properties();
            if (override != null) {
                try (Reader in = Files.newBufferedReader(override)) {
                    p.load(in);
                }
            }
            Map<String, Double> table = new LinkedHashMap<>();
            StringBuilder canonical = new StringBuilder();
            for (var e : exercises.entrySet()) {
                Manifest manifest = Manifest.read(course, e.getKey());
                for (String x : e.getValue()) {
                    String v = p.getProperty(e.getKey() + "." + x, p.getProperty("default", String.valueOf(manifest.entry(x).points()))).strip();
                    try {
                        table.put(e.getKey() + "/" + x, Double.parseDouble(v));
                    } catch (NumberFormatException ex) {
                        throw new ToolException("points: " + e.getKey() + "." + x + " = " + v + " is not a number (" + override + ")");
                    }
                    canonical.append(e.getKey()).append('/').append(x).append('=').append(Gradebook.number(table.get(e.getKey() + "/" + x))).append('\n');
                }
            }
            return new Points(table, CourseTree.sha256(canonical.toString().getBytes(StandardCharsets.UTF_8)));
        }
    }

    /** One exercise's score from {@code reports} (its module's surefire reports) after the module's run {@code r}. */
    static Grader.Score score(String m, String e, double worth, List<ExpectedTests.Method> methods, Path reports, ModuleRun.Result r, long limitSeconds) {
        TestResults.ExerciseResults results = TestResults.readExercise(reports, methods);
        String extra = results.notes().isEmpty() ? "" : " [" + String.join("; ", results.notes()) + "]";
        if (r.broken().containsKey(e)) return new Grader.Score(m, e, 0, methods.size(), worth, 0, r.broken().get(e) + " (graded as the starter)");
        if (results.noneRan()) {
            String why = r.outcome().timedOut() ? "the module hit the grading time limit (" + limitSeconds + " s)"
                    : !r.errors().isEmpty() ? "does not compile: " + r.errors().getFirst()
                    : results.crash() != null && !results.crash().isEmpty() ? "its tests did not run: " + results.crash()
                    : "its tests did not run: the test JVM died (System.exit, a crash, or its time limit)";
            return new Grader.Score(m, e, 0, methods.size(), worth, 0, why + extra);
        }
        int passed = (int) results.passed();
        String note = results.results().stream().filter(x -> x.status() != TestResults.Status.PASSED).findFirst()
                .map(x -> x.method().name() + ": " + Grader.clean(firstLine(x.message(), x.status().name().toLowerCase(Locale.ROOT)))).orElse("");
        return new Grader.Score(m, e, passed, methods.size(), worth, Math.round(worth * passed / methods.size() * 100) / 100.0, note + extra);
    }

    /** Zero for every exercise, with {@code why} as each note. */
    static List<Grader.Score> zero(Map<String, List<String>> exercises, Points points, String why) {
        List<Grader.Score> scores = new ArrayList<>();
        exercises.forEach((m, es) -> es.forEach(e -> scores.add(new Grader.Score(m, e, 0, 0, points.of(m, e), 0, why))));
        return scores;
    }

    private static String firstLine(String s, String otherwise) {
        return s == null || s.isBlank() ? otherwise : s.lines().findFirst().orElse(otherwise).strip();
    }

    private Scoring() {}
}
