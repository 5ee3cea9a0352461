package course.tools;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A learner's progress, fast and as narrow as asked: the whole course, one module or one
 * exercise. Tests run with the fast engine (LearnerTests: javac in this JVM, one test JVM per
 * module through the JUnit Platform Launcher) and only for the exercises whose files changed
 * since the last run; then one line per module and the next exercise with its TODO and the
 * first failure message, which carries the hint. After a compile error it points at the file
 * and line that do not compile. It always exits 0.
 *
 * <pre>
 *   progress                      every module
 *   progress module-02            one module (-Dcourse.modules=module-02-async works too)
 *   progress Ex03                 one exercise: the Ex03 of the module you work in
 *   progress module-02 Ex03       one exercise of a named module
 *   progress --rerun ...          ignore what earlier runs remembered
 * </pre>
 */
final class Progress {

    private final Path root;

    Progress(Path root) {
        this.root = root;
    }

    int run(List<String> rawArgs) throws Exception {
        long start = System.nanoTime();
        boolean rerun = rawArgs.contains("--rerun");
        List<String> args = rawArgs.stream().filter(a -> !a.equals("--rerun")).toList();
        Exercises.Selection sel = Exercises.select(root, args, System.getProperty("course.modules", ""), whereYouAre().orElse(null));
        Map<String, ModuleSetup> setups = ModuleSetup.of(root, sel.modules(), System.out);

        List<LearnerTests.State> states = new ArrayList<>();
        for (String m : sel.modules()) {
            List<Exercises.Exercise> wanted = sel.exercise() == null ? Exercises.of(root, m) : List.of(sel.exercise());
            states.add(new LearnerTests(root, setups.get(m)).run(wanted, rerun, System.out));
        }
        long ranNow = states.stream().mapToLong(s -> s.ranNow().size()).sum();
        long wanted = states.stream().mapToLong(s -> s.exercises().size()).sum();

        System.out.println();
        if (sel.exercise() != null) {
            printExercise(states.getFirst(), sel.exercise());
        } else {
            for (LearnerTests.State s : states) printModule(s);
            System.out.println();
            System.out.println(next(states));
        }
        boolean broken = states.stream().anyMatch(s -> !s.compiles());
        String what = ranNow == 0 ? (broken ? "no tests ran" : "nothing changed since the last run, so nothing ran")
                : ranNow == wanted ? "ran the tests of " + (wanted == 1 ? "the exercise" : "all " + wanted + " exercises")
                : "ran the tests of the " + ranNow + (ranNow == 1 ? " exercise" : " exercises") + " changed since the last run, remembered the rest";
        System.out.printf("%n(%s, in %.1f s)%n", what, (System.nanoTime() - start) / 1e9);
        return 0;
    }

    private void printModule(LearnerTests.State s) {
        if (!s.compiles()) {
            System.out.printf("%s: %d exercises | %s%n", s.module(), s.exercises().size(),
                    s.testsDoNotCompile() ? "its tests do not compile against your code, so none ran:" : "does not compile, so none of its tests ran:");
            s.compileErrors().stream().limit(5).forEach(p -> System.out.println("    " + p.describe(root)));
            return;
        }
        long done = s.exercises().stream().filter(e -> s.done(e.name())).count();
        System.out.printf("%s: %d/%d exercises done | %d/%d tests passing%n", s.module(), done, s.exercises().size(), s.passing(), s.tests());
        if (!s.ended().isEmpty()) System.out.println("    (" + s.ended() + ")");
    }

    private void printExercise(LearnerTests.State s, Exercises.Exercise e) throws IOException {
        if (!s.compiles()) {
            printModule(s);
            System.out.println();
            System.out.println(fixFirst(s));
            return;
        }
        Exercises.recordCurrent(root, e);
        List<TestJvm.Result> r = s.results().get(e.name());
        long pass = r.stream().filter(x -> x.status() == TestResults.Status.PASSED).count();
        System.out.printf("%s · %s: %d/%d tests passing%n", s.module(), e.name(), pass, r.size());
        if (s.done(e.name())) {
            System.out.println();
            System.out.println(e.name() + " is done. Next: " + nextInModule(s.module(), e.name()));
        } else {
            System.out.println();
            System.out.println(describe(s.module(), e.name(), r));
        }
    }

    /** The next exercise after {@code after} in {@code module}, by name (the next to open). */
    private String nextInModule(String module, String after) throws IOException {
        for (Exercises.Exercise x : Exercises.of(root, module)) {
            if (x.name().compareTo(after) > 0) return module + " · " + x.name() + " (./mvnw -q -Dcourse=progress shows where you are)";
        }
        return "the last exercise of " + module + "; ./mvnw -q -Dcourse=progress shows where you are";
    }

    /** The first exercise not done, in course order, or the compile error that comes first. */
    private String next(List<LearnerTests.State> states) throws IOException {
        for (LearnerTests.State s : states) {
            if (!s.compiles()) return fixFirst(s);
            for (Exercises.Exercise e : s.exercises()) {
                if (!s.done(e.name())) {
                    Exercises.recordCurrent(root, e);
                    return describe(s.module(), e.name(), s.results().get(e.name()));
                }
            }
        }
        return "All exercises done. Well done! Compare with the reference code in solutions/.";
    }

    private String fixFirst(LearnerTests.State s) {
        Javac.Problem p = s.compileErrors().getFirst();
        String file = p.file() == null ? "" : root.relativize(p.file()).toString() + (p.line() > 0 ? ":" + p.line() : "");
        StringBuilder b = new StringBuilder("Next: make " + s.module() + " compile again\n");
        if (!file.isEmpty()) b.append("  open:  ").append(file).append('\n');
        b.append("  error: ").append(p.message()).append('\n');
        if (s.testsDoNotCompile()) {
            b.append("         (a test does not compile against your code: keep the exercise's public methods as they were given)\n");
        }
        b.append("  then:  ./mvnw -q -Dcourse=progress   (or keep ./mvnw -q -Dcourse=watch running)");
        return b.toString();
    }

    /** "Next: module · exercise", the file to open, its TODO, the first failure and how to run it. */
    String describe(String module, String exercise, List<TestJvm.Result> results) throws IOException {
        StringBuilder b = new StringBuilder("Next: " + module + " · " + exercise + "\n");
        Optional<Path> src = Exercises.sourceOf(root.resolve(module).resolve("src/main/java"), exercise);
        if (src.isPresent()) {
            b.append("  open:  ").append(root.relativize(src.get())).append('\n');
            List<String> todo = todo(src.get());
            if (!todo.isEmpty()) b.append("  TODO:  ").append(String.join("\n         ", todo)).append('\n');
        }
        if (results != null) {
            results.stream().filter(o -> o.status() != TestResults.Status.PASSED).findFirst().ifPresent(o -> {
                String msg = o.message().lines().limit(4).reduce((x, y) -> x + "\n         " + y).orElse("");
                b.append("  test:  ").append(o.name()).append(" says\n         ").append(msg).append('\n');
            });
        }
        String id = Caught.id(exercise);
        Path hint = root.resolve(module).resolve("hints").resolve(exercise + ".md");
        if (Files.exists(hint)) b.append("  hint:  ./mvnw -q -Dcourse=\"hint ").append(id).append("\"\n");
        b.append("  run:   ./mvnw -q -Dcourse=\"progress ").append(Exercises.shortModule(module)).append(' ').append(id)
                .append("\"   or, re-run on every save: ./mvnw -q -Dcourse=watch");
        return b.toString();
    }

    /**
     * The module the learner works in: as the last progress or watch recorded it, else the module
     * of the first exercise not done by what earlier runs remembered (nothing is run).
     */
    Optional<String> whereYouAre() {
        try {
            Optional<String> recorded = Hints.current(root);
            if (recorded.isPresent()) return recorded;
            List<String> modules = Course.modules(root, List.of());
            for (String m : modules) {
                Path cache = root.resolve(m).resolve("target/course/progress.tsv");
                if (!Files.exists(cache)) return Optional.of(m);
                // Without the set-up (it may be stale) we read what was remembered, keys unchecked.
                Map<String, LearnerTests.Cached> known = LearnerTests.readCacheFile(cache);
                for (Exercises.Exercise e : Exercises.of(root, m)) {
                    LearnerTests.Cached c = known.get(e.name());
                    if (c == null || c.results().isEmpty() || c.results().stream().anyMatch(r -> r.status() != TestResults.Status.PASSED)) {
                        return Optional.of(m);
                    }
                }
            }
            return Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
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

    /** The module's exercises, from its test classes (ExNN_NameTest -> ExNN_Name), in order. */
    static List<String> exercises(Path module) throws IOException {
        return Exercises.of(module.getParent(), module.getFileName().toString()).stream().map(Exercises.Exercise::name).toList();
    }

    /** The main source file of an exercise, if the module has one (the grader's self-test uses it). */
    static Optional<Path> sourceOf(Path module, String exercise) throws IOException {
        return Exercises.sourceOf(module.resolve("src/main/java"), exercise);
    }

    /** The compiler's error lines for one module, from a Maven log (the grader uses it). */
    static List<String> compileErrors(List<String> log, String module) {
        return log.stream()
                .filter(l -> l.startsWith("[ERROR]") && l.contains(module) && l.contains(".java"))
                .map(l -> l.replaceFirst("^\\[ERROR\\]\\s*", "").replaceFirst("^.*?(" + module + ")", "$1"))
                .distinct().limit(5).toList();
    }
}
