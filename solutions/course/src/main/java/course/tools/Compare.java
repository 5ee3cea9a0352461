package course.tools;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Shows one exercise against its reference: {@code compare Ex03}. Only that exercise's file, so
 * the exercises not tried yet stay unspoilt. Lines marked {@code +} are the reference's, lines
 * marked {@code -} are yours.
 */
final class Compare {

    private final Path root;

    Compare(Path root) {
        this.root = root;
    }

    int run(List<String> args) throws Exception {
        Exercises.Exercise ex;
        try {
            ex = Exercises.resolve(root, args, Hints.current(root).orElse(null));
        } catch (Exercises.NotFound e) {
            System.out.println("compare: " + e.getMessage() + ".");
            System.out.println("next: ./mvnw -q -Dcourse=\"compare MODULE EXERCISE\", e.g. -Dcourse=\"compare module-01 Ex03\"");
            return 0;
        }
        Path yours = Progress.sourceOf(root.resolve(ex.module()), ex.name()).orElseThrow();
        Path main = root.resolve(ex.module()).resolve("src/main/java");
        Path reference = root.resolve("solutions").resolve(ex.module()).resolve("src/main/java").resolve(main.relativize(yours));
        if (!Files.exists(reference)) {
            System.out.println("No reference for " + ex + " in solutions/.");
            return 0;
        }
        String a = root.relativize(yours).toString(), b = root.relativize(reference).toString();
        System.out.println(ex + ": yours (-) against the reference (+)");
        ProcessBuilder pb = new ProcessBuilder("git", "--no-pager", "diff", "--no-index", "--", a, b)
                .directory(root.toFile()).inheritIO();
        int status = pb.start().waitFor();
        if (status == 0) System.out.println("(identical)");
        System.out.println();
        System.out.println("next: the whole module's tests: ./mvnw -pl " + ex.module() + " test");
        return 0;
    }
}
