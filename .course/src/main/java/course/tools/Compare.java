package course.tools;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Shows one exercise against its reference: {@code compare Ex03}. Only that exercise's file, so
 * the exercises not tried yet stay unspoilt. Lines marked {@code +} are the reference's, lines
 * marked {@code -} are yours. Only once the exercise is green (its tests run first, or their
 * remembered verdict when nothing changed): before that it refuses in one line, and
 * {@code compare Ex03 --force} shows it anyway.
 */
final class Compare {

    private final Path root;

    Compare(Path root) {
        this.root = root;
    }

    int run(List<String> rawArgs) throws Exception {
        Args parsed = Args.flags(rawArgs, "--force");
        boolean force = parsed.flag("--force");
        List<String> args = parsed.positionals();
        Exercises.Exercise ex;
        try {
            ex = Exercises.resolve(root, args, Hints.current(root).orElse(null));
        } catch (Exercises.NotFound e) {
            throw new ToolException(e.getMessage());
        }
        String named = Exercises.shortModule(ex.module()) + " " + ex.id();
        if (!force) {
            ModuleSetup setup = ModuleSetup.of(root, List.of(ex.module()), System.out).get(ex.module());
            LearnerTests.State s = new LearnerTests(root, setup).run(List.of(ex), false, null);
            if (!s.done(ex.name())) {
                List<TestJvm.Result> r = s.results().getOrDefault(ex.name(), List.of());
                long pass = r.stream().filter(x -> x.status() == TestResults.Status.PASSED).count();
                String state = !s.compiles() ? s.module() + " does not compile" : pass + "/" + r.size() + " tests pass";
                System.out.println("compare: " + ex + " is not green yet (" + state + "): solve it first, or see the reference anyway: ./mvnw -q -Dcourse=\"compare " + named + " --force\"");
                return 2;
            }
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
