package course.tools;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * A learner's progress, fast and as narrow as asked: the whole course, one module or one
 * exercise. Tests run with the fast engine (LearnerTests: javac in this JVM, one test JVM per
 * module through the JUnit Platform Launcher) and only for the exercises whose files changed
 * since the last run; then one line per module and Next (see {@link #next}): the first exercise
 * not green, the module the learner works in first, with its TODO and its failing tests, the most
 * telling first (Failures); after a compile error, the file and line that do not compile. Exits 0,
 * or 2 with one line for words that name no exercise or several.
 *
 * <pre>
 *   progress                      every module
 *   progress module-02            one module (-Dcourse.modules=module-02-async works too)
 *   progress Ex03                 one exercise: the Ex03 of the module you work in (Exercises.workingModule)
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
        Args parsed = Args.flags(rawArgs, "--rerun");
        boolean rerun = parsed.flag("--rerun");
        List<String> args = parsed.positionals();
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
            System.out.println(next(states, sel.modules().size() == 1 ? sel.modules().getFirst() : whereYouAre().orElse(null)));
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
            compileError(s.compileErrors(), "    ").lines().forEach(System.out::println);
            return;
        }
        long done = s.exercises().stream().filter(e -> s.done(e.name())).count();
        System.out.printf("%s: %d/%d exercises done | %d/%d tests passing%n", s.module(), done, s.exercises().size(), s.passing(), s.tests());
        if (!s.ended().isEmpty()) System.out.println("    (" + s.ended() + ")");
    }

    /** javac's first error in full (every line it prints for it), then how many more there are. */
    String compileError(List<Javac.Problem> errors, String indent) {
        Javac.Problem p = errors.getFirst();
        StringBuilder b = new StringBuilder(indent).append(p.describe(root));
        for (String l : p.rest()) b.append('\n').append(indent).append("    ").append(l);
        if (errors.size() > 1) {
            b.append('\n').append(indent).append("(and ").append(errors.size() - 1).append(errors.size() == 2 ? " more error" : " more errors")
                    .append(", often caused by this first one: fix it and run again)");
        }
        return b.toString();
    }

    private void printExercise(LearnerTests.State s, Exercises.Exercise e) throws IOException {
        Exercises.recordCurrent(root, e);
        if (!s.compiles()) {
            printModule(s);
            System.out.println();
            System.out.println(fixFirst(s));
            return;
        }
        List<TestJvm.Result> r = s.results().get(e.name());
        long pass = r.stream().filter(x -> x.status() == TestResults.Status.PASSED).count();
        System.out.printf("%s · %s: %d/%d tests passing%n", s.module(), e.name(), pass, r.size());
        System.out.println();
        if (s.done(e.name())) {
            System.out.println(e.name() + " is done.");
            System.out.println(next(List.of(s), e.module()));
        } else {
            System.out.println(describe(s.module(), e.name(), r));
        }
    }

    /**
     * Where to go next: the module that does not compile (the working module's first), else the
     * first exercise not green (see {@link #firstRed}), else the end of the course: said only when
     * every exercise is green, those not run yet counting as red.
     */
    String next(List<LearnerTests.State> states, String working) throws IOException {
        List<LearnerTests.State> broken = new ArrayList<>(states.stream().filter(s -> !s.compiles()).toList());
        broken.sort(java.util.Comparator.comparing(s -> !s.module().equals(working)));
        if (!broken.isEmpty()) return fixFirst(broken.getFirst());
        List<Exercises.Exercise> all = Exercises.all(root);
        Predicate<Exercises.Exercise> green = green(states);
        Optional<Exercises.Exercise> next = firstRed(all, green, working);
        if (next.isEmpty()) {
            return "All " + all.size() + " exercises of the course are green. Well done! Compare yours with the reference: ./mvnw -q -Dcourse=\"compare Ex01\"";
        }
        Exercises.Exercise e = next.get();
        Exercises.recordCurrent(root, e);
        long red = all.stream().filter(green.negate()).count();
        LearnerTests.State ran = states.stream().filter(s -> s.module().equals(e.module())).findFirst().orElse(null);
        List<TestJvm.Result> results = ran != null && ran.results().containsKey(e.name()) ? ran.results().get(e.name()) : remembered(e);
        return describe(e.module(), e.name(), results) + "\n  left:  " + red + " of " + all.size() + " exercises not green yet";
    }

    /**
     * The exercise to do next: the first not green in {@code working} (the module the learner works
     * in), else the first not green in course order; empty when every exercise is green.
     */
    static Optional<Exercises.Exercise> firstRed(List<Exercises.Exercise> course, Predicate<Exercises.Exercise> green, String working) {
        if (working != null) {
            for (Exercises.Exercise e : course) if (e.module().equals(working) && !green.test(e)) return Optional.of(e);
        }
        for (Exercises.Exercise e : course) if (!green.test(e)) return Optional.of(e);
        return Optional.empty();
    }

    /**
     * Green as far as known: this run's verdict where it ran, else what earlier runs remembered; an
     * exercise never run, or of a module that does not compile, is not green.
     */
    private Predicate<Exercises.Exercise> green(List<LearnerTests.State> states) {
        Map<String, LearnerTests.State> ran = new HashMap<>();
        for (LearnerTests.State s : states) ran.put(s.module(), s);
        Map<String, Map<String, LearnerTests.Cached>> remembered = new HashMap<>();
        return e -> {
            LearnerTests.State s = ran.get(e.module());
            if (s != null && !s.compiles()) return false;
            if (s != null && s.results().containsKey(e.name())) return s.done(e.name());
            LearnerTests.Cached c = remembered.computeIfAbsent(e.module(), this::cacheOf).get(e.name());
            return c != null && !c.results().isEmpty() && c.results().stream().allMatch(r -> r.status() == TestResults.Status.PASSED);
        };
    }

    private Map<String, LearnerTests.Cached> cacheOf(String module) {
        try {
            return LearnerTests.readCacheFile(root.resolve(module).resolve("target/course/progress.tsv"));
        } catch (IOException e) {
            return Map.of();
        }
    }

    private List<TestJvm.Result> remembered(Exercises.Exercise e) {
        LearnerTests.Cached c = cacheOf(e.module()).get(e.name());
        return c == null ? null : c.results();
    }

    private String fixFirst(LearnerTests.State s) {
        Javac.Problem p = s.compileErrors().getFirst();
        String file = p.file() == null ? "" : root.relativize(p.file()).toString() + (p.line() > 0 ? ":" + p.line() : "");
        String which = p.file() == null ? s.module() : p.file().getFileName().toString();
        StringBuilder b = new StringBuilder("Next: make " + which + " compile again (" + s.module() + ": until it compiles, none of its tests can run)\n");
        if (!file.isEmpty()) b.append("  open:  ").append(file).append('\n');
        b.append("  error:\n").append(compileError(s.compileErrors(), "         ")).append('\n');
        if (s.testsDoNotCompile()) {
            b.append("         (a test does not compile against your code: keep the exercise's public methods as they were given)\n");
        }
        b.append("  then:  ./mvnw -q -Dcourse=progress   (or keep ./mvnw -q -Dcourse=watch running)");
        return b.toString();
    }

    /** "Next: module · exercise", the file to open, its TODO, the most telling failure, every failing test, and how to run it. */
    String describe(String module, String exercise, List<TestJvm.Result> results) throws IOException {
        StringBuilder b = new StringBuilder("Next: " + module + " · " + exercise + "\n");
        Optional<Path> src = Exercises.sourceOf(root.resolve(module).resolve("src/main/java"), exercise);
        if (src.isPresent()) {
            b.append("  open:  ").append(root.relativize(src.get())).append('\n');
            List<String> todo = todo(src.get());
            if (!todo.isEmpty()) b.append("  TODO:  ").append(String.join("\n         ", todo)).append('\n');
        }
        if (results != null) b.append(verdict(module, exercise, results, "  "));
        String id = Caught.id(exercise);
        Path hint = root.resolve(module).resolve("hints").resolve(exercise + ".md");
        if (Files.exists(hint)) b.append("  hint:  ./mvnw -q -Dcourse=\"hint ").append(Exercises.shortModule(module)).append(' ').append(id).append("\"\n");
        b.append("  run:   ./mvnw -q -Dcourse=\"progress ").append(Exercises.shortModule(module)).append(' ').append(id)
                .append("\"   or, re-run on every save: ./mvnw -q -Dcourse=watch");
        return b.toString();
    }

    /**
     * The failing tests of one exercise: the most telling one with its message (see Failures), then
     * every failing test on a line of its own. Empty when every test passed.
     */
    String verdict(String module, String exercise, List<TestJvm.Result> results, String indent) throws IOException {
        Path source = Exercises.sourceOf(root.resolve(module).resolve("src/main/java"), exercise).orElse(null);
        String testClass = results.isEmpty() ? null : results.getFirst().testClass();
        Path test = testClass == null ? null : root.resolve(module).resolve("src/test/java").resolve(testClass.replace('.', '/') + ".java");
        List<TestJvm.Result> failing = Failures.ordered(results, source, test);
        if (failing.isEmpty()) return "";
        StringBuilder b = new StringBuilder();
        TestJvm.Result first = failing.getFirst();
        String pad = indent + "       ";
        b.append(indent).append("test:  ").append(first.name()).append(Failures.hung(first) && !first.message().contains("timed out") ? " timed out" : "").append(" says\n");
        first.message().lines().limit(6).forEach(l -> b.append(pad).append(l).append('\n'));
        b.append(indent).append("failing: ").append(failing.size()).append(" of ").append(results.size()).append(" tests\n");
        for (TestJvm.Result r : failing) b.append(pad).append(r.name()).append(": ").append(Failures.firstLine(r)).append('\n');
        return b.toString();
    }

    /**
     * The module the learner works in: of the exercise file saved last, or of the last exercise run
     * (Exercises.workingModule); unknown before any command ran.
     */
    Optional<String> whereYouAre() {
        try {
            return Exercises.workingModule(root);
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
