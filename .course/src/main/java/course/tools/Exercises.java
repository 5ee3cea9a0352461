package course.tools;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The course's exercises, and the exercise a learner names on the command line: {@code Ex03},
 * {@code Ex03_BoundedPool}, {@code module-01 Ex03}, {@code module-01-threads/Ex03} or
 * {@code 01/Ex03}. The module may be left out when only one module has that exercise, or when
 * {@code current} (the module the learner is working in, if known) has it. A module's exercises are
 * the lines of its manifest.txt ({@link Manifest}); exercise N's tests are the class NTest.
 */
final class Exercises {

    /** One exercise: its module folder name, its name (ExNN_Name) and its test class's full name. */
    record Exercise(String module, String name, String testClass) {
        String id() { return name.substring(0, 4); }
        @Override public String toString() { return module + " · " + name; }
    }

    /** What a command line chose: modules, and one exercise or none (then every exercise of the modules). */
    record Selection(List<String> modules, Exercise exercise) {}

    /** Thrown with a message for the learner when the words name no exercise, or several. */
    static final class NotFound extends Exception {
        NotFound(String message) { super(message); }
    }

    private Exercises() {}

    /** Every exercise of every module, in course order. */
    static List<Exercise> all(Path root) throws IOException {
        List<Exercise> out = new ArrayList<>();
        for (String m : Course.modules(root, List.of())) out.addAll(of(root, m));
        return out;
    }

    /** The exercises of a module, in the order of its manifest. */
    static List<Exercise> of(Path root, String module) throws IOException {
        return Manifest.read(root, module).exercises().stream()
                .map(x -> new Exercise(module, x.name(), x.className() + "Test")).toList();
    }

    /** The exercise that {@code words} name (see the class comment). */
    static Exercise resolve(Path root, List<String> words, String current) throws IOException, NotFound {
        List<String> parts = new ArrayList<>();
        for (String w : words) for (String p : w.split("[/ ]")) if (!p.isBlank()) parts.add(p);
        String module = null, exercise = null;
        for (String p : parts) {
            if (p.matches("(?i)ex\\d\\d.*")) exercise = p;
            else module = p;
        }
        if (exercise == null) throw new NotFound("name an exercise, e.g. Ex03 or module-01 Ex03");
        String id = exercise.substring(0, 4);
        String wanted = exercise;
        List<Exercise> matches = all(root).stream()
                .filter(e -> e.id().equalsIgnoreCase(id) && (wanted.length() == 4 || e.name().equalsIgnoreCase(wanted)))
                .toList();
        if (module != null) {
            String m = module.matches("\\d\\d") ? "module-" + module : module;
            List<String> chosen;
            try {
                chosen = Course.modules(root, List.of(m));
            } catch (ToolException e) {
                throw new NotFound(e.getMessage());
            }
            matches = matches.stream().filter(e -> e.module().equals(chosen.getFirst())).toList();
        }
        if (matches.size() > 1 && current != null) {
            List<Exercise> inCurrent = matches.stream().filter(e -> e.module().equals(current)).toList();
            if (inCurrent.size() == 1) matches = inCurrent;
        }
        if (matches.isEmpty()) {
            throw new NotFound("no exercise " + exercise + (module == null ? "" : " in " + module));
        }
        if (matches.size() > 1) {
            throw new NotFound(id + " is in " + matches.size() + " modules (" + String.join(", ",
                    matches.stream().map(Exercise::module).toList()) + "): say which, e.g. " + matches.getFirst().module().substring(0, 9) + " " + id
                    + (current == null ? " (no exercise has run yet, so the module you work in is not known)" : ""));
        }
        return matches.getFirst();
    }

    /**
     * What progress, watch and wrong-answers take: nothing (every module), modules
     * ({@code module-02}, {@code 02}, or {@code -Dcourse.modules}, given as {@code modulesProperty}),
     * or one exercise as {@link #resolve} finds it, {@code current} breaking a tie.
     */
    static Selection select(Path root, List<String> args, String modulesProperty, String current) throws IOException {
        List<String> words = new ArrayList<>();
        boolean anExercise = false;
        for (String a : args) {
            for (String p : a.split("[/ ,]")) {
                if (p.isBlank()) continue;
                words.add(p);
                anExercise |= p.matches("(?i)ex\\d\\d.*");
            }
        }
        List<String> property = modulesProperty == null || modulesProperty.isBlank() ? List.of() : List.of(modulesProperty);
        if (!anExercise) {
            List<String> named = new ArrayList<>(property);
            words.forEach(w -> named.add(w.matches("\\d\\d") ? "module-" + w : w));
            return new Selection(Course.modules(root, named), null);
        }
        if (words.stream().filter(w -> w.matches("(?i)ex\\d\\d.*")).count() > 1) {
            throw new ToolException("name one exercise at a time (got " + String.join(" ", words) + ")");
        }
        if (words.size() == 1 && !property.isEmpty()) {
            List<String> ms = Course.modules(root, property);
            if (ms.size() == 1) words.addFirst(ms.getFirst());
        }
        try {
            Exercise e = resolve(root, words, current);
            return new Selection(List.of(e.module()), e);
        } catch (NotFound e) {
            throw new ToolException(e.getMessage());
        }
    }

    /** module-02-async -> module-02. */
    static String shortModule(String module) {
        return module.matches("module-\\d\\d-.*") ? module.substring(0, "module-02".length()) : module;
    }

    /** The learner's source file of an exercise, if the module has one. */
    static Optional<Path> sourceOf(Path mainSources, String exercise) throws IOException {
        if (!Files.isDirectory(mainSources)) return Optional.empty();
        try (Stream<Path> s = Files.walk(mainSources)) {
            return s.filter(p -> p.getFileName().toString().equals(exercise + ".java")).findFirst();
        }
    }

    /**
     * The module the learner works in, for a bare ExNN and for Next: the module of the exercise file
     * saved last, if it was saved after the last exercise run, else the module of that run (as
     * {@link #recordCurrent} wrote it). Empty when no command has run yet: then nothing is guessed.
     */
    static Optional<String> workingModule(Path root) throws IOException {
        Path f = root.resolve("target/course/current");
        if (!Files.exists(f)) return Optional.empty();
        String[] words = Files.readString(f).strip().split("\\s+");
        if (words.length == 0 || words[0].isBlank()) return Optional.empty();
        long recorded = Files.getLastModifiedTime(f).toMillis();
        String newest = null;
        long newestTime = recorded;
        for (String m : Course.modules(root, List.of())) {
            Path main = root.resolve(m).resolve("src/main/java");
            if (!Files.isDirectory(main)) continue;
            try (Stream<Path> s = Files.walk(main)) {
                for (Path p : s.filter(p -> p.getFileName().toString().matches("Ex\\d\\d_\\w+\\.java")).toList()) {
                    long t = Files.getLastModifiedTime(p).toMillis();
                    if (t > newestTime) {
                        newestTime = t;
                        newest = m;
                    }
                }
            }
        }
        return Optional.of(newest != null ? newest : words[0]);
    }

    /**
     * Where the learner is, for Hints.current and a tie between modules: written by progress, watch
     * and hint to {@code target/course/current} as "module exercise".
     */
    static void recordCurrent(Path root, Exercise e) {
        try {
            Path f = root.resolve("target/course/current");
            Files.createDirectories(f.getParent());
            Files.writeString(f, e.module() + " " + e.name() + "\n");
        } catch (IOException ignored) {
            // only a convenience for the next command
        }
    }
}
