package course.tools;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.*;

/**
 * The starters as the course committed them, told apart from a learner's work in the same files. A learner never changes an exercise's
 * solution or its test, and the course changes a starter together with them: so the committed starter of {@code module/src/main/java/P}
 * is its content in the last commit that changed {@code solutions/module/src/main/java/P} or the exercise's test class, and a starter
 * that differs from it holds someone's later edit. Files git does not track in a starter folder are the learner's too.
 */
final class CommittedStarters {

    /** A starter that differs from the course's committed version: its path in the module's src/main/java, and that version. */
    record Edited(String relPath, byte[] committed) {
        String exercise() { return Path.of(relPath).getFileName().toString().replaceFirst("\\.java$", ""); }
    }

    /** The starters the course check judges: their test results and classes, the learner's untracked files and work set aside. */
    record Starters(Map<String, TestResults.Outcome> results, Path classes, Set<String> untracked, List<String> setAside) {}

    private final Path root;
    private final boolean git;

    CommittedStarters(Path root) {
        this.root = root;
        this.git = Files.exists(root.resolve(".git")); // a clone of the course (a work tree of one has a .git file)
    }

    /** The starters of {@code module} that differ from their committed version (none outside a git clone). */
    Map<String, Edited> edited(String module) throws IOException, InterruptedException {
        Map<String, Edited> out = new LinkedHashMap<>();
        Path main = root.resolve(module).resolve("src/main/java");
        for (Path f : git ? Fingerprint.files(main, ".java") : List.<Path>of()) {
            String rel = main.relativize(f).toString().replace('\\', '/');
            List<String> cmd = new ArrayList<>(List.of("log", "-1", "--format=%H", "--", "solutions/" + module + "/src/main/java/" + rel));
            if (f.getFileName().toString().matches("Ex\\d\\d_.*\\.java")) cmd.add(module + "/src/test/java/" + rel.replaceAll("\\.java$", "Test.java"));
            String commit = Course.git(root, cmd.toArray(String[]::new)).strip();
            if (commit.isEmpty()) continue; // a new exercise, not committed yet: the maintainer's
            Process p = new ProcessBuilder("git", "-C", root.toString(), "show", commit + ":" + module + "/src/main/java/" + rel)
                    .redirectError(ProcessBuilder.Redirect.DISCARD).start();
            byte[] committed = p.getInputStream().readAllBytes();
            // Not there: the starter came later than its solution, nothing to compare with.
            if (p.waitFor() == 0 && !Arrays.equals(committed, Files.readAllBytes(f))) out.put(rel, new Edited(rel, committed));
        }
        return out;
    }

    /** Files under the module's src/main/java that git does not track: a learner's additions. */
    Set<String> untracked(String module) throws IOException, InterruptedException {
        String prefix = module + "/src/main/java/";
        if (!git) return new TreeSet<>();
        return new TreeSet<>(Course.git(root, "ls-files", "--others", "--exclude-standard", "--", prefix).lines()
                .filter(l -> l.startsWith(prefix)).map(l -> l.substring(prefix.length())).toList());
    }

    /** The module's starters with every edited file put back as committed and the untracked ones left out, in {@code dir} (recreated). */
    static Path committedTree(Path root, String module, Map<String, Edited> edited, Set<String> untracked, Path dir) throws IOException {
        Course.deleteTree(dir);
        Files.createDirectories(dir);
        Path main = root.resolve(module).resolve("src/main/java");
        for (Path f : Fingerprint.files(main)) {
            String rel = main.relativize(f).toString().replace('\\', '/');
            if (untracked.contains(rel)) continue;
            Path to = Files.createDirectories(dir.resolve(rel).getParent()).resolve(f.getFileName().toString());
            if (edited.containsKey(rel)) Files.write(to, edited.get(rel).committed());
            else Files.copy(f, to);
        }
        return dir;
    }

    /**
     * The module's tests on the fast engine against the committed starters, when the learner's work answers for them: every edited
     * starter whose tests pass on {@code onStarters} (all of them when nothing compiled), and every untracked file. Null when there is
     * none, or when the committed starters do not compile (the check then reports as usual).
     */
    Starters committed(ModuleSetup setup, Map<String, TestResults.Outcome> onStarters) throws Exception {
        String module = setup.module();
        List<String> passing = onStarters.values().stream().filter(o -> o.status() != TestResults.Status.FAILED)
                .map(TestResults.Outcome::exercise).toList();
        Map<String, Edited> edited = edited(module);
        edited.values().removeIf(e -> !onStarters.isEmpty() && !passing.contains(e.exercise()));
        Set<String> untracked = untracked(module);
        if (edited.isEmpty() && untracked.isEmpty()) return null;
        Path dir = setup.dir().resolve("target/course/committed-starters");
        Build build = new Build(root, setup);
        List<Path> roots = new ArrayList<>(List.of(committedTree(root, module, edited, untracked, dir.resolve("src"))));
        roots.addAll(setup.extraMainSources());
        Build.Classes main = build.main("committed-starters", roots);
        Build.Classes tests = main.ok() ? build.tests(main, "committed-starters") : main;
        if (!tests.ok()) return null;
        TestJvm.Outcome outcome = TestJvm.start(root, setup, List.of(main.dir()), tests.dir(), dir.resolve("tests.log"))
                .run(Exercises.of(root, module).stream().map(Exercises.Exercise::testClass).toList(), null, LearnerTests.LIMIT);
        Map<String, TestResults.Outcome> results = new TreeMap<>();
        outcome.results().forEach(r -> results.put(r.testClass() + "#" + r.name(), r.outcome()));
        List<String> yours = new ArrayList<>(edited.values().stream().map(Edited::exercise).toList());
        untracked.forEach(u -> yours.add(u.substring(u.lastIndexOf('/') + 1)));
        return new Starters(results, main.dir(), untracked, yours);
    }
}
