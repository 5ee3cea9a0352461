package course.tools;

import java.io.IOException;
import java.nio.file.*;
import java.util.*;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * {@code progress [module] [ExNN] [--rerun]}: tests the course, a module or one exercise (only what changed since the last
 * run, unless --rerun), prints a line per module, then Next: the first exercise not green (the working module's first) with
 * its TODO and failing tests, most telling first, or the file that does not compile.
 */
record Progress(Path root) {

    int run(List<String> rawArgs) throws Exception {
        long start = System.nanoTime();
        Args parsed = Args.flags(rawArgs, "--rerun");
        String working = Exercises.workingModule(root).orElse(null);
        Exercises.Selection sel = Exercises.select(root, parsed.positionals(), System.getProperty("course.modules", ""), working);
        Map<String, ModuleSetup> setups = ModuleSetup.of(root, sel.modules(), System.out);
        List<LearnerTests.State> states = new ArrayList<>();
        for (String m : sel.modules()) {
            List<Exercises.Exercise> wanted = sel.exercise() == null ? Exercises.of(root, m) : List.of(sel.exercise());
            states.add(new LearnerTests(root, setups.get(m)).run(wanted, parsed.flag("--rerun"), System.out));
        }
        System.out.println();
        if (sel.exercise() != null) {
            printExercise(states.getFirst(), sel.exercise());
        } else {
            states.forEach(this::printModule);
            System.out.println();
            System.out.println(next(states, sel.modules().size() == 1 ? sel.modules().getFirst() : working));
        }
        long ranNow = states.stream().mapToLong(s -> s.ranNow().size()).sum();
        long wanted = states.stream().mapToLong(s -> s.exercises().size()).sum();
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
            System.out.println(compileError(s.compileErrors(), "    "));
            return;
        }
        long done = s.exercises().stream().filter(e -> s.done(e.name())).count();
        System.out.printf("%s: %d/%d exercises done | %d/%d tests passing%n", s.module(), done, s.exercises().size(), s.passing(), s.tests());
        if (!s.ended().isEmpty()) System.out.println("    (" + s.ended() + ")");
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
        System.out.printf("%s · %s: %d/%d tests passing%n%n", s.module(), e.name(), passing(r), r.size());
        System.out.println(s.done(e.name()) ? e.name() + " is done.\n" + next(List.of(s), e.module()) : describe(s.module(), e.name(), r));
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

    /** Where to go next: the module that does not compile (the working module's first), else the first exercise not green. */
    String next(List<LearnerTests.State> states, String working) throws IOException {
        Optional<LearnerTests.State> broken = states.stream().filter(s -> !s.compiles()).min(Comparator.comparing(s -> !s.module().equals(working)));
        if (broken.isPresent()) return fixFirst(broken.get());
        List<Exercises.Exercise> all = Exercises.all(root);
        Predicate<Exercises.Exercise> green = green(states);
        Optional<Exercises.Exercise> next = firstRed(all, green, working);
        if (next.isEmpty()) {
            return "All " + all.size() + " exercises of the course are green. Well done! Compare yours with the reference: ./mvnw -q -Dcourse=\"compare Ex01\"";
        }
        Exercises.Exercise e = next.get();
        Exercises.recordCurrent(root, e);
        List<TestJvm.Result> results = states.stream().filter(s -> s.module().equals(e.module()) && s.results().containsKey(e.name()))
                .findFirst().map(s -> s.results().get(e.name())).orElseGet(() -> remembered(e.module()).get(e.name()));
        return describe(e.module(), e.name(), results) + "\n  left:  " + all.stream().filter(green.negate()).count() + " of " + all.size() + " exercises not green yet";
    }

    /** The exercise to do next: the first not green in {@code working}, else the first in course order; empty when all are green. */
    static Optional<Exercises.Exercise> firstRed(List<Exercises.Exercise> course, Predicate<Exercises.Exercise> green, String working) {
        return course.stream().filter(e -> e.module().equals(working) && !green.test(e)).findFirst()
                .or(() -> course.stream().filter(green.negate()).findFirst());
    }

    /** Green as far as known: this run's verdict, else the one remembered; never run, or in a module that does not compile: red. */
    private Predicate<Exercises.Exercise> green(List<LearnerTests.State> states) {
        Map<String, LearnerTests.State> ran = states.stream().collect(Collectors.toMap(LearnerTests.State::module, s -> s, (a, b) -> b));
        Map<String, Map<String, List<TestJvm.Result>>> remembered = new HashMap<>();
        return e -> {
            LearnerTests.State s = ran.get(e.module());
            if (s != null && (!s.compiles() || s.results().containsKey(e.name()))) return s.compiles() && s.done(e.name());
            List<TestJvm.Result> r = remembered.computeIfAbsent(e.module(), this::remembered).get(e.name());
            return r != null && !r.isEmpty() && passing(r) == r.size();
        };
    }

    /** What earlier runs remembered of a module's exercises: their results by name. */
    private Map<String, List<TestJvm.Result>> remembered(String module) {
        Map<String, List<TestJvm.Result>> out = new HashMap<>();
        try {
            LearnerTests.readCacheFile(root.resolve(module).resolve("target/course/progress.tsv")).forEach((k, c) -> out.put(k, c.results()));
        } catch (IOException nothingRemembered) {
        }
        return out;
    }

    private String fixFirst(LearnerTests.State s) {
        Javac.Problem p = s.compileErrors().getFirst();
        StringBuilder b = new StringBuilder("Next: make " + (p.file() == null ? s.module() : p.file().getFileName().toString())
                + " compile again (" + s.module() + ": until it compiles, none of its tests can run)\n");
        if (p.file() != null) b.append("  open:  ").append(root.relativize(p.file())).append(p.line() > 0 ? ":" + p.line() : "").append('\n');
        b.append("  error:\n").append(compileError(s.compileErrors(), "         ")).append('\n');
        if (s.testsDoNotCompile()) {
            b.append("         (a test does not compile against your code: keep the exercise's public methods as they were given)\n");
        }
        return b.append("  then:  ./mvnw -q -Dcourse=progress   (or keep ./mvnw -q -Dcourse=watch running)").toString();
    }

    /** "Next: module · exercise", the file to open, its TODO, the failing tests (when known), the hint and how to run it. */
    String describe(String module, String exercise, List<TestJvm.Result> results) throws IOException {
        StringBuilder b = new StringBuilder("Next: " + module + " · " + exercise + "\n");
        Optional<Path> src = Exercises.sourceOf(root.resolve(module).resolve("src/main/java"), exercise);
        if (src.isPresent()) {
            b.append("  open:  ").append(root.relativize(src.get())).append('\n');
            List<String> todo = todo(src.get());
            if (!todo.isEmpty()) b.append("  TODO:  ").append(String.join("\n         ", todo)).append('\n');
        }
        if (results != null) b.append(verdict(module, exercise, results, "  "));
        String named = Exercises.shortModule(module) + " " + TeachingFailure.id(exercise);
        if (Files.exists(root.resolve(module).resolve("hints").resolve(exercise + ".md"))) b.append("  hint:  ./mvnw -q -Dcourse=\"hint ").append(named).append("\"\n");
        return b.append("  run:   ./mvnw -q -Dcourse=\"progress ").append(named).append("\"   or, re-run on every save: ./mvnw -q -Dcourse=watch").toString();
    }

    /** The failing tests of one exercise: the most telling with its message (Failures), then each on a line. Empty when all pass. */
    String verdict(String module, String exercise, List<TestJvm.Result> results, String indent) throws IOException {
        Path source = Exercises.sourceOf(root.resolve(module).resolve("src/main/java"), exercise).orElse(null);
        Path test = results.isEmpty() ? null : root.resolve(module).resolve("src/test/java").resolve(results.getFirst().testClass().replace('.', '/') + ".java");
        List<TestJvm.Result> failing = Failures.ordered(results, source, test);
        if (failing.isEmpty()) return "";
        TestJvm.Result first = failing.getFirst();
        String pad = indent + "       ";
        StringBuilder b = new StringBuilder(indent).append("test:  ").append(first.name())
                .append(Failures.hung(first) && !first.message().contains("timed out") ? " timed out" : "").append(" says\n");
        first.message().lines().limit(6).forEach(l -> b.append(pad).append(l).append('\n'));
        b.append(indent).append("failing: ").append(failing.size()).append(" of ").append(results.size()).append(" tests\n");
        for (TestJvm.Result r : failing) b.append(pad).append(r.name()).append(": ").append(Failures.firstLine(r)).append('\n');
        return b.toString();
    }

    static long passing(List<TestJvm.Result> results) { return results.stream().filter(r -> r.status() == TestResults.Status.PASSED).count(); }

    /** The first TODO comment of a source file, with its continuation lines (at most 8). */
    private static List<String> todo(Path source) throws IOException {
        List<String> out = new ArrayList<>();
        for (String line : Files.readAllLines(source)) {
            String t = line.strip();
            if (out.isEmpty() && t.startsWith("//") && t.contains("TODO")) out.add(t.substring(t.indexOf("TODO") + 4).replaceFirst("^:\\s*", "").strip());
            else if (!out.isEmpty() && t.startsWith("//") && !t.contains("TODO")) out.add(t.substring(2).strip());
            else if (!out.isEmpty()) break;
            if (out.size() >= 8) break;
        }
        return out;
    }
}
