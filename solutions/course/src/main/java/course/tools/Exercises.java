package course.tools;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * The course's exercises, and what a learner means by "module-01", "Ex03" or "module-02 Ex03" on
 * a tool's command line. An exercise is a test class ExNN_NameTest under a module's test sources;
 * its class is ExNN_Name under the module's main sources.
 */
final class Exercises {

    /** One exercise: its module, its name (Ex03_BoundedPool) and its test class's full name. */
    record Exercise(String module, String name, String testClass) {
        String id() {
            return Caught.id(name);
        }
    }

    /** What a command line chose: modules, and one exercise or none (then every exercise of the modules). */
    record Selection(List<String> modules, Exercise exercise, String note) {}

    private Exercises() {}

    /** The exercises of a module, in order, from its test sources. */
    static List<Exercise> of(Path root, String module) throws IOException {
        Path tests = root.resolve(module).resolve("src/test/java");
        List<Exercise> out = new ArrayList<>();
        if (!Files.isDirectory(tests)) return out;
        try (Stream<Path> s = Files.walk(tests)) {
            for (Path p : s.filter(p -> p.getFileName().toString().matches("Ex\\d\\d_.*Test\\.java")).toList()) {
                String cls = tests.relativize(p).toString().replace('\\', '/').replace('/', '.');
                cls = cls.substring(0, cls.length() - ".java".length());
                String simple = p.getFileName().toString();
                out.add(new Exercise(module, simple.substring(0, simple.length() - "Test.java".length()), cls));
            }
        }
        out.sort((a, b) -> a.name().compareTo(b.name()));
        return out;
    }

    /**
     * Reads a command line such as {@code []}, {@code [module-01]}, {@code [Ex03]},
     * {@code [module-02, Ex03]} or {@code [Ex03_BoundedPool]}, with the modules of
     * {@code -Dcourse.modules} ({@code modulesProperty}, comma-separated, may be blank) as a
     * narrowing. An exercise found in several modules is taken from {@code whereYouAre}, the
     * module the learner works in, when it has one, else from the first; the note says so.
     */
    static Selection select(Path root, List<String> args, String modulesProperty, Supplier<Optional<String>> whereYouAre) throws IOException {
        List<String> moduleArgs = new ArrayList<>();
        List<String> exerciseArgs = new ArrayList<>();
        for (String a : args) {
            for (String part : a.split(",")) {
                if (part.isBlank()) continue;
                if (part.matches("(?i)ex\\d\\d.*") || (!part.startsWith("module-") && !part.matches("\\d\\d"))) exerciseArgs.add(part);
                else moduleArgs.add(part.matches("\\d\\d") ? "module-" + part : part);
            }
        }
        if (modulesProperty != null && !modulesProperty.isBlank()) moduleArgs.add(modulesProperty);
        List<String> modules = Course.modules(root, moduleArgs);
        if (exerciseArgs.isEmpty()) return new Selection(modules, null, "");
        if (exerciseArgs.size() > 1) {
            throw new ToolException("name one exercise at a time (got " + String.join(", ", exerciseArgs) + ")");
        }
        String wanted = exerciseArgs.getFirst();
        List<Exercise> found = new ArrayList<>();
        for (String m : modules) {
            for (Exercise e : of(root, m)) {
                if (matches(e.name(), wanted)) found.add(e);
            }
        }
        if (found.isEmpty()) {
            throw new ToolException("no exercise " + wanted + " in " + String.join(", ", modules)
                    + " (an exercise is named like Ex03 or Ex03_BoundedPool)");
        }
        if (found.size() == 1) return new Selection(List.of(found.getFirst().module()), found.getFirst(), "");
        Optional<String> here = whereYouAre.get();
        Exercise chosen = found.stream().filter(e -> here.isPresent() && e.module().equals(here.get())).findFirst().orElse(found.getFirst());
        String other = found.stream().map(Exercise::module).filter(m -> !m.equals(chosen.module())).findFirst().orElse("");
        String note = wanted + " is in " + found.size() + " modules; taking " + chosen.module() + " · " + chosen.name()
                + (here.isPresent() && here.get().equals(chosen.module()) ? ", where you are" : "")
                + " (for another, name its module: \"" + shortModule(other) + " " + wanted + "\")";
        return new Selection(List.of(chosen.module()), chosen, note);
    }

    /** Ex03, ex03, Ex03_BoundedPool, BoundedPool and Ex03_Bounded all name Ex03_BoundedPool. */
    static boolean matches(String exercise, String wanted) {
        String e = exercise.toLowerCase(Locale.ROOT);
        String w = wanted.toLowerCase(Locale.ROOT);
        if (w.endsWith("test")) w = w.substring(0, w.length() - 4);
        if (w.endsWith(".java")) w = w.substring(0, w.length() - 5);
        return e.equals(w) || e.startsWith(w + "_") || (w.matches("ex\\d\\d_.+") && e.startsWith(w))
                || (!w.matches("ex\\d\\d.*") && e.substring(e.indexOf('_') + 1).equals(w));
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
}
