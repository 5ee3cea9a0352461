package course.tools;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Finds the exercise a learner names on the command line: {@code Ex03}, {@code Ex03_BoundedPool},
 * {@code module-01 Ex03}, {@code module-01-threads/Ex03} or {@code 01/Ex03}. The module may be left
 * out when only one module has that exercise, or when {@code current} (the module the learner is
 * working in, if known) has it.
 */
final class Exercises {

    /** One exercise: its module folder name and its name (ExNN_Name). */
    record Exercise(String module, String name) {
        String id() { return name.substring(0, 4); }
        @Override public String toString() { return module + " · " + name; }
    }

    /** Thrown with a message for the learner when the words name no exercise, or several. */
    static final class NotFound extends Exception {
        NotFound(String message) { super(message); }
    }

    private Exercises() {}

    /** Every exercise of every module, in course order. */
    static List<Exercise> all(Path root) throws IOException {
        List<Exercise> out = new ArrayList<>();
        for (String m : Course.modules(root, List.of())) {
            for (String e : Progress.exercises(root.resolve(m))) out.add(new Exercise(m, e));
        }
        return out;
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
            } catch (IllegalArgumentException e) {
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
                    matches.stream().map(Exercise::module).toList()) + "): say which, e.g. " + matches.getFirst().module().substring(0, 9) + " " + id);
        }
        return matches.getFirst();
    }
}
