package course.tools;

import java.nio.file.*;
import java.util.*;
import java.util.stream.Stream;

/**
 * {@code hint Ex03 [N]}: the exercise's next hint level not seen yet, or level N: the {@code ## N} sections of its hint file
 * (a nudge, then the API, then the answer's shape), so the TODO need not give the answer away.
 */
record Hints(Path root) {

    int run(List<String> args) throws Exception {
        List<String> words = new ArrayList<>(Args.flags(args).positionals());
        Integer level = !words.isEmpty() && words.getLast().matches("\\d") ? Integer.valueOf(words.removeLast()) : null;
        // Resolved before anything is shown: a name that fits no exercise, or several, spends no level.
        Exercises.Exercise ex = Exercises.resolve(root, words, Exercises.workingModule(root).orElse(null));
        Exercises.recordCurrent(root, ex);
        Path file = root.resolve(ex.module()).resolve(Manifest.read(root, ex.module()).entry(ex.name()).hint());
        if (!Files.exists(file)) {
            System.out.println("No hints written for " + ex + " yet: its failure messages and the module README are the hints.");
            return 0;
        }
        List<String> levels = levels(Files.readString(file));
        Path seen = root.resolve("target/course/hints").resolve(ex.module()).resolve(ex.name());
        int shown = Files.exists(seen) ? Integer.parseInt(Files.readString(seen).strip()) : 0;
        int n = level != null ? Math.max(1, Math.min(level, levels.size())) : Math.min(shown + 1, levels.size());
        Course.writeAtomically(seen, String.valueOf(Math.max(shown, n)));
        boolean inferred = words.stream().noneMatch(w -> w.matches("(?i)(module-)?\\d\\d.*") && !w.matches("(?i)ex.*"))
                && Exercises.all(root).stream().filter(x -> x.id().equals(ex.id())).count() > 1;
        System.out.println(ex + " · hint " + n + " of " + levels.size()
                + (inferred ? "   (the module you work in; another: -Dcourse=\"hint module-NN " + ex.id() + "\")" : ""));
        System.out.println();
        levels.get(n - 1).lines().forEach(l -> System.out.println("  " + l));
        System.out.println();
        if (n < levels.size()) {
            System.out.println("next: try it, and if you are still stuck: " + ex.command("hint") + " (hint " + (n + 1) + ")");
        } else {
            System.out.println("That was the last hint. next: run the test (./mvnw -pl " + ex.module() + " test -Dtest='" + ex.id()
                    + "*'); once it is green, compare with the reference: " + ex.command("compare"));
        }
        return 0;
    }

    /** The text of each {@code ## N} section, in order. */
    static List<String> levels(String markdown) {
        return Stream.of(markdown.split("(?m)^##\\h*\\d+\\h*$", -1)).skip(1).map(String::strip).toList();
    }
}
