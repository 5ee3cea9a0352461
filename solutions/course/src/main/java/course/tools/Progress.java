package course.tools;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * A learner's progress: runs every module's tests against the learner's own code (carrying on
 * past failing modules), prints one line per module, then the next exercise to work on with its
 * TODO and the first failure message, which carries the hint.
 */
final class Progress {

    private final Path root;

    Progress(Path root) {
        this.root = root;
    }

    int run(List<String> named) throws Exception {
        List<String> modules = Course.modules(root, named);
        for (String m : modules) {
            Course.deleteTree(root.resolve(m).resolve("target/surefire-reports"));
        }
        System.out.println("Running the tests of " + String.join(", ", modules) + " against your code ...");
        Path log = root.resolve("target/course/progress.log");
        new Maven(root, Duration.ofMinutes(30)).run(log, Maven.testArgs(modules, named.isEmpty()));
        List<String> logLines = Files.readAllLines(log);

        String next = null;
        System.out.println();
        for (String m : modules) {
            Path mod = root.resolve(m);
            List<String> exercises = exercises(mod);
            Map<String, TestResults.Outcome> results = TestResults.read(mod.resolve("target/surefire-reports"));
            var byExercise = TestResults.byExercise(results);
            long passing = results.values().stream().filter(o -> o.status() == TestResults.Status.PASSED).count();
            long done = exercises.stream().filter(e -> isDone(byExercise.get(e))).count();

            if (results.isEmpty() && !exercises.isEmpty()) {
                List<String> errors = compileErrors(logLines, m);
                System.out.printf("%s: %d exercises | %s%n", m, exercises.size(), errors.isEmpty()
                        ? "its tests did not run: see " + root.relativize(log)
                        : "does not compile, so none of its tests ran:");
                errors.forEach(e -> System.out.println("    " + e));
            } else {
                System.out.printf("%s: %d/%d exercises done | %d/%d tests passing%n",
                        m, done, exercises.size(), passing, results.size());
            }
            if (next == null) {
                for (String e : exercises) {
                    if (!isDone(byExercise.get(e))) {
                        next = describeNext(m, e, byExercise.get(e));
                        break;
                    }
                }
            }
        }
        System.out.println();
        System.out.println(next == null ? "All exercises done. Well done! Compare with the reference code in solutions/." : next);
        return 0;
    }

    private static boolean isDone(Map<String, TestResults.Outcome> tests) {
        return tests != null && !tests.isEmpty()
                && tests.values().stream().allMatch(o -> o.status() == TestResults.Status.PASSED);
    }

    /** The module's exercises, from its test classes (ExNN_NameTest -> ExNN_Name), in order. */
    static List<String> exercises(Path module) throws IOException {
        TreeSet<String> out = new TreeSet<>();
        Path tests = module.resolve("src/test/java");
        if (!Files.isDirectory(tests)) return List.of();
        try (Stream<Path> s = Files.walk(tests)) {
            s.map(p -> p.getFileName().toString())
             .filter(n -> n.matches("Ex\\d\\d_.*Test\\.java"))
             .forEach(n -> out.add(n.substring(0, n.length() - "Test.java".length())));
        }
        return new ArrayList<>(out);
    }

    /** The main source file of an exercise, if the module has one. */
    static Optional<Path> sourceOf(Path module, String exercise) throws IOException {
        Path main = module.resolve("src/main/java");
        if (!Files.isDirectory(main)) return Optional.empty();
        try (Stream<Path> s = Files.walk(main)) {
            return s.filter(p -> p.getFileName().toString().equals(exercise + ".java")).findFirst();
        }
    }

    private String describeNext(String module, String exercise, Map<String, TestResults.Outcome> tests) throws IOException {
        StringBuilder b = new StringBuilder("Next: " + module + " · " + exercise + "\n");
        Optional<Path> src = sourceOf(root.resolve(module), exercise);
        if (src.isPresent()) {
            b.append("  open:  ").append(root.relativize(src.get())).append('\n');
            List<String> todo = todo(src.get());
            if (!todo.isEmpty()) {
                b.append("  TODO:  ").append(String.join("\n         ", todo)).append('\n');
            }
        }
        if (tests != null) {
            tests.values().stream().filter(o -> o.status() != TestResults.Status.PASSED).findFirst().ifPresent(o -> {
                String msg = o.message().lines().limit(4).reduce((x, y) -> x + "\n         " + y).orElse("");
                b.append("  test:  ").append(o.name()).append(" says\n         ").append(msg).append('\n');
            });
        }
        b.append("  run:   ./mvnw -pl ").append(module).append(" test -Dtest='").append(exercise, 0, 4).append("*'");
        return b.toString();
    }

    /** The first TODO comment of a source file, with its continuation lines. */
    static List<String> todo(Path source) throws IOException {
        List<String> out = new ArrayList<>();
        for (String line : Files.readAllLines(source)) {
            String t = line.strip();
            if (out.isEmpty()) {
                int i = t.indexOf("TODO");
                if (t.startsWith("//") && i >= 0) out.add(t.substring(i + 4).replaceFirst("^:\\s*", "").strip());
            } else if (t.startsWith("//") && !t.contains("TODO")) {
                out.add(t.substring(2).strip());
            } else {
                break;
            }
            if (out.size() >= 8) break;
        }
        return out;
    }

    /** The compiler's error lines for one module, from a Maven log. */
    static List<String> compileErrors(List<String> log, String module) {
        return log.stream()
                .filter(l -> l.startsWith("[ERROR]") && l.contains(module) && l.contains(".java"))
                .map(l -> l.replaceFirst("^\\[ERROR\\]\\s*", "").replaceFirst("^.*?(" + module + ")", "$1"))
                .distinct().limit(5).toList();
    }
}
