package course.tools;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The starters as the course committed them, told apart from a learner's work in the same files.
 *
 * <p>A learner never changes an exercise's solution or its test; the course changes a starter
 * together with them. So the committed starter of {@code module/src/main/java/P} is its content
 * in the last commit that changed {@code solutions/module/src/main/java/P} or the exercise's test
 * class, and a starter that differs from it (committed later, or not committed at all) holds
 * someone's later edit: in a learner's clone, their work. Files that git does not track in a
 * starter folder are the learner's too. The course check sets that work aside, unless it runs
 * strict (CI, or a maintainer who edits a starter alone and wants it checked as it is).
 */
final class Upstream {

    /** A starter that differs from the course's committed version: its path in the module's src/main/java, and that version. */
    record Edited(String module, String relPath, String commit, byte[] committed) {
        String exercise() {
            String name = Path.of(relPath).getFileName().toString();
            return name.substring(0, name.length() - ".java".length());
        }
    }

    private final Path root;
    private final boolean git;

    Upstream(Path root) {
        this.root = root;
        boolean inside;
        try {
            inside = Course.git(root, "rev-parse", "--is-inside-work-tree").strip().equals("true");
        } catch (Exception e) {
            inside = false;
        }
        this.git = inside;
    }

    /** The starters of {@code module} that differ from their committed version (none outside a git clone). */
    Map<String, Edited> edited(String module) throws IOException, InterruptedException {
        Map<String, Edited> out = new LinkedHashMap<>();
        if (!git) return out;
        Path main = root.resolve(module).resolve("src/main/java");
        for (Path f : Fingerprint.files(main, ".java")) {
            String rel = main.relativize(f).toString().replace('\\', '/');
            Optional<Edited> e = edited(module, rel, Files.readAllBytes(f));
            e.ifPresent(x -> out.put(rel, x));
        }
        return out;
    }

    private Optional<Edited> edited(String module, String rel, byte[] now) throws IOException, InterruptedException {
        List<String> paths = new ArrayList<>(List.of("solutions/" + module + "/src/main/java/" + rel));
        String name = Path.of(rel).getFileName().toString();
        if (name.matches("Ex\\d\\d_.*\\.java")) {
            paths.add(module + "/src/test/java/" + rel.substring(0, rel.length() - ".java".length()) + "Test.java");
        }
        List<String> cmd = new ArrayList<>(List.of("log", "-1", "--format=%H", "--"));
        cmd.addAll(paths);
        String commit = Course.git(root, cmd.toArray(String[]::new)).strip();
        if (commit.isEmpty()) return Optional.empty(); // a new exercise, not committed yet: the maintainer's
        byte[] committed;
        try {
            committed = show(commit + ":" + module + "/src/main/java/" + rel);
        } catch (IOException notThere) {
            return Optional.empty(); // the starter came later than its solution: nothing to compare with
        }
        return Arrays.equals(committed, now) ? Optional.empty() : Optional.of(new Edited(module, rel, commit, committed));
    }

    /** Files under the module's src/main/java that git does not track: a learner's additions. */
    Set<String> untracked(String module) throws IOException, InterruptedException {
        Set<String> out = new TreeSet<>();
        if (!git) return out;
        String prefix = module + "/src/main/java/";
        for (String l : Course.git(root, "ls-files", "--others", "--exclude-standard", "--", prefix).split("\n")) {
            if (l.startsWith(prefix)) out.add(l.substring(prefix.length()));
        }
        return out;
    }

    private byte[] show(String object) throws IOException, InterruptedException {
        Process p = new ProcessBuilder("git", "-C", root.toString(), "show", object).redirectErrorStream(false).start();
        p.getErrorStream().close();
        byte[] bytes = p.getInputStream().readAllBytes();
        if (p.waitFor() != 0) throw new IOException("git show " + object + " failed");
        return bytes;
    }

    /**
     * The module's starters with every edited file put back as committed, in {@code dir} (recreated):
     * the tree the course check tests when a learner's work would otherwise answer for the course.
     */
    static Path committedTree(Path root, String module, Map<String, Edited> edited, Set<String> untracked, Path dir) throws IOException {
        Course.deleteTree(dir);
        Path main = root.resolve(module).resolve("src/main/java");
        for (Path f : Fingerprint.files(main)) {
            String rel = main.relativize(f).toString().replace('\\', '/');
            if (untracked.contains(rel)) continue;
            Path to = dir.resolve(rel);
            Files.createDirectories(to.getParent());
            Edited e = edited.get(rel);
            if (e != null) Files.write(to, e.committed());
            else Files.copy(f, to);
        }
        Files.createDirectories(dir);
        return dir;
    }

    static String names(Iterable<String> exercises) {
        List<String> out = new ArrayList<>();
        exercises.forEach(out::add);
        return String.join(", ", out);
    }

    static String utf8(byte[] b) {
        return new String(b, StandardCharsets.UTF_8);
    }
}
