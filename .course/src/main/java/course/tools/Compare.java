package course.tools;

import java.nio.file.*;
import java.util.List;

/**
 * {@code compare Ex03 [--force]}: the exercise's file against the reference's, once it is green (or forced); only that
 * file, so the exercises not tried yet stay unspoilt.
 */
record Compare(Path root) {

    int run(List<String> rawArgs) throws Exception {
        Args parsed = Args.flags(rawArgs, "--force");
        Exercises.Exercise ex = Exercises.resolve(root, parsed.positionals(), Exercises.workingModule(root).orElse(null));
        if (!Files.isDirectory(root.resolve("solutions"))) {
            throw new ToolException("needs the reference code, solutions/, which this clone does not have",
                    ex.command("progress") + " (your tests), or compare in a clone of the course with solutions/");
        }
        if (!parsed.flag("--force")) {
            ModuleSetup setup = ModuleSetup.of(root, List.of(ex.module()), System.out).get(ex.module());
            LearnerTests.State s = new LearnerTests(root, setup).run(List.of(ex), false, null);
            if (!s.done(ex.name())) {
                List<TestJvm.Result> r = s.results().getOrDefault(ex.name(), List.of());
                String state = !s.compiles() ? s.module() + " does not compile" : Progress.passing(r) + "/" + r.size() + " tests pass";
                System.out.println("compare: " + ex + " is not green yet (" + state + "): solve it first, or see the reference anyway: "
                        + "./mvnw -q -Dcourse=\"compare " + ex.named() + " --force\"");
                return 2;
            }
        }
        Path main = root.resolve(ex.module()).resolve("src/main/java");
        Path yours = Exercises.sourceOf(main, ex.name()).orElseThrow();
        Path reference = root.resolve("solutions").resolve(ex.module()).resolve("src/main/java").resolve(main.relativize(yours));
        if (!Files.exists(reference)) {
            System.out.println("No reference for " + ex + " in solutions/.");
            return 0;
        }
        System.out.println(ex + ": yours (-) against the reference (+)");
        Process diff = new ProcessBuilder("git", "--no-pager", "diff", "--no-index", "--", root.relativize(yours).toString(), root.relativize(reference).toString())
                .directory(root.toFile()).inheritIO().start();
        if (diff.waitFor() == 0) System.out.println("(identical)");
        System.out.println();
        System.out.println("next: the whole module's tests: ./mvnw -pl " + ex.module() + " test");
        return 0;
    }
}
