package course.tools;

import java.io.IOException;
import java.nio.file.*;
import java.util.*;
import java.util.stream.Stream;

/**
 * The course's exercises (each module's manifest.txt, in order), and the one a learner names: Ex03, Ex03_BoundedPool,
 * module-01 Ex03, module-01-threads/Ex03 or 01/Ex03; the module may be left out when it is the only one, or the working one.
 */
final class Exercises {

    /** One exercise: its module folder, its name (ExNN_Name) and its test class's full name. */
    record Exercise(String module, String name, String testClass) {
        String id() { return name.substring(0, 4); }
        /** "module-01 Ex03", as a command names it. */
        String named() { return shortModule(module) + " " + id(); }
        /** ./mvnw -q -Dcourse="COMMAND module-01 Ex03". */
        String command(String command) { return "./mvnw -q -Dcourse=\"" + command + " " + named() + "\""; }
        @Override public String toString() { return module + " · " + name; }
    }

    record Selection(List<String> modules, Exercise exercise) {}

    private static final String CURRENT = "target/course/current";

    /** Every exercise of every module, in course order. */
    static List<Exercise> all(Path root) throws IOException {
        List<Exercise> out = new ArrayList<>();
        for (String m : Course.modules(root, List.of())) out.addAll(of(root, m));
        return out;
    }

    /** The exercises of a module, in the order of its manifest. */
    static List<Exercise> of(Path root, String module) throws IOException {
        return Manifest.read(root, module).exercises().stream().map(x -> new Exercise(module, x.name(), x.className() + "Test")).toList();
    }

    /** The exercise {@code words} name; {@code current}, the module the learner works in (or null), breaks a tie. */
    static Exercise resolve(Path root, List<String> words, String current) throws IOException {
        String module = null, exercise = null;
        for (String p : words.stream().flatMap(w -> Stream.of(w.split("[/ ]"))).filter(p -> !p.isBlank()).toList()) {
            if (isExercise(p)) exercise = p;
            else module = p;
        }
        if (exercise == null) throw new ToolException("name an exercise, e.g. Ex03 or module-01 Ex03");
        String id = exercise.substring(0, 4), wanted = exercise;
        List<Exercise> matches = all(root).stream()
                .filter(e -> e.id().equalsIgnoreCase(id) && (wanted.length() == 4 || e.name().equalsIgnoreCase(wanted))).toList();
        if (module != null) {
            String chosen = Course.modules(root, List.of(module.matches("\\d\\d") ? "module-" + module : module)).getFirst();
            matches = matches.stream().filter(e -> e.module().equals(chosen)).toList();
        }
        List<Exercise> inCurrent = matches.stream().filter(e -> e.module().equals(current)).toList();
        if (matches.size() > 1 && inCurrent.size() == 1) matches = inCurrent;
        if (matches.isEmpty()) throw new ToolException("no exercise " + exercise + (module == null ? "" : " in " + module));
        if (matches.size() > 1) {
            throw new ToolException(id + " is in " + matches.size() + " modules (" + String.join(", ", matches.stream().map(Exercise::module).toList())
                    + "): say which, e.g. " + shortModule(matches.getFirst().module()) + " " + id
                    + (current == null ? " (no exercise has run yet, so the module you work in is not known)" : ""));
        }
        return matches.getFirst();
    }

    /** What progress, watch, timeline and wrong-answers take: nothing (all), modules (module-02, 02, -Dcourse.modules) or one exercise. */
    static Selection select(Path root, List<String> args, String modulesProperty, String current) throws IOException {
        List<String> words = new ArrayList<>(args.stream().flatMap(a -> Stream.of(a.split("[/ ,]"))).filter(p -> !p.isBlank()).toList());
        List<String> property = modulesProperty == null || modulesProperty.isBlank() ? List.of() : List.of(modulesProperty);
        long exercises = words.stream().filter(Exercises::isExercise).count();
        if (exercises == 0) {
            List<String> named = new ArrayList<>(property);
            words.forEach(w -> named.add(w.matches("\\d\\d") ? "module-" + w : w));
            return new Selection(Course.modules(root, named), null);
        }
        if (exercises > 1) throw new ToolException("name one exercise at a time (got " + String.join(" ", words) + ")");
        if (words.size() == 1 && !property.isEmpty() && Course.modules(root, property).size() == 1) {
            words.addFirst(Course.modules(root, property).getFirst());
        }
        Exercise e = resolve(root, words, current);
        return new Selection(List.of(e.module()), e);
    }

    private static boolean isExercise(String word) { return word.matches("(?i)ex\\d\\d.*"); }
    /** module-02-async -> module-02. */
    static String shortModule(String module) { return module.replaceFirst("^(module-\\d\\d)-.*", "$1"); }

    static Optional<Path> sourceOf(Path mainSources, String exercise) throws IOException {
        if (!Files.isDirectory(mainSources)) return Optional.empty();
        try (Stream<Path> s = Files.walk(mainSources)) {
            return s.filter(p -> p.getFileName().toString().equals(exercise + ".java")).findFirst();
        }
    }

    /** The module the learner works in: of the exercise file saved last, if after the last exercise run, else of that run; else empty. */
    static Optional<String> workingModule(Path root) throws IOException {
        List<String> last = lastRecorded(root);
        if (last.isEmpty()) return Optional.empty();
        String newest = last.getFirst();
        long newestTime = Files.getLastModifiedTime(root.resolve(CURRENT)).toMillis();
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
        return Optional.of(newest);
    }

    /** Records where the learner is, "module exercise" in target/course/current, for the next command. */
    static void recordCurrent(Path root, Exercise e) {
        try {
            Course.writeAtomically(root.resolve(CURRENT), e.module() + " " + e.name() + "\n");
        } catch (IOException ignored) {
            // only a convenience for the next command
        }
    }

    /** The words {@link #recordCurrent} wrote last, or none. */
    static List<String> lastRecorded(Path root) throws IOException {
        Path f = root.resolve(CURRENT);
        return Files.exists(f) ? Stream.of(Files.readString(f).strip().split("\\s+")).filter(w -> !w.isEmpty()).toList() : List.of();
    }
}
