package course.tools;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.*;
import java.security.MessageDigest;
import java.util.*;
import java.util.stream.Stream;

/**
 * Building: the course as the grader uses it, the files of one commit without solutions/, written into
 * a folder of its own and remembered by SHA-256 (checked before every submission, written again when
 * changed); and the test methods each exercise has, compiled once per course content.
 */
final class CourseTree {

    private final Path repo, dir;
    private final String commit;
    private final Map<String, String> files = new TreeMap<>(); // path -> SHA-256

    private CourseTree(Path repo, String commit, Path dir) {
        this.repo = repo;
        this.commit = commit;
        this.dir = dir;
    }

    /** Writes the files of {@code rev} in {@code repo} (all but solutions/) into {@code dir}. */
    static CourseTree fromCommit(Path repo, String rev, Path dir) throws Exception {
        CourseTree tree = new CourseTree(repo, Course.git(repo, "rev-parse", "--verify", rev + "^{commit}").strip(), dir);
        tree.rebuild();
        return tree;
    }

    String commit() { return commit; }

    Path dir() { return dir; }

    /** SHA-256 of every path and its SHA-256: equal for any commit with the same course files. */
    String contentSha256() {
        StringBuilder b = new StringBuilder();
        files.forEach((path, sha) -> b.append(sha).append("  ").append(path).append('\n'));
        return sha256(b.toString().getBytes(StandardCharsets.UTF_8));
    }

    /** Writes the folder (again) from git: git archive, unpacked by tar. */
    void rebuild() throws Exception {
        Course.deleteTree(dir);
        Files.createDirectories(dir);
        Path tar = dir.resolveSibling(dir.getFileName() + ".tar");
        Course.git(repo, "archive", "-o", tar.toString(), commit, "--", ".", ":(exclude)solutions");
        Course.exec(List.of("tar", "-xf", tar.toString(), "-C", dir.toString()), null);
        Files.delete(tar);
        files.clear();
        files.putAll(hashes(dir));
    }

    /** What differs between the folder and the commit: "changed: x", "missing: y", "added: z"; empty when identical. */
    List<String> verify() throws IOException {
        Map<String, String> now = hashes(dir);
        List<String> problems = new ArrayList<>();
        files.forEach((p, sha) -> {
            if (!now.containsKey(p)) problems.add("missing: " + p);
            else if (!now.get(p).equals(sha)) problems.add("changed: " + p);
        });
        now.keySet().stream().filter(p -> !files.containsKey(p)).forEach(p -> problems.add("added: " + p));
        return problems;
    }

    /** Copies the tree into {@code dest}. */
    void copyTo(Path dest) throws IOException {
        for (String p : files.keySet()) {
            Files.createDirectories(dest.resolve(p).getParent());
            Files.copy(dir.resolve(p), dest.resolve(p), StandardCopyOption.COPY_ATTRIBUTES);
        }
    }

    /**
     * Each exercise's test methods, compiled by {@code runner} in a copy of the tree (before any submission
     * is taken in), then kept in {@code cache} so later runs on the same course files skip that compile.
     */
    Map<String, Map<String, List<ExpectedTests.Method>>> expectedTests(List<String> modules, Grader.Runner runner, Path work, Path cache)
            throws Exception {
        Map<String, Map<String, List<ExpectedTests.Method>>> out = new LinkedHashMap<>();
        Path at = cache == null ? null : cache.resolve(contentSha256());
        for (String m : modules) out.put(m, at == null ? null : ExpectedTests.load(at.resolve(m + ".tsv")));
        List<String> missing = modules.stream().filter(m -> out.get(m) == null).toList();
        if (!missing.isEmpty()) {
            Path copy = work.resolve("expected");
            copyTo(copy);
            var compiled = runner.expected(copy, missing, work.resolve("logs/expected.log"));
            Course.deleteTree(copy);
            for (String m : missing) {
                out.put(m, compiled.getOrDefault(m, Map.of()));
                if (at != null && !out.get(m).isEmpty()) ExpectedTests.save(at.resolve(m + ".tsv"), out.get(m));
            }
        }
        return out;
    }

    /** Every regular file under {@code dir} (relative path with '/') and its SHA-256; links are not followed nor kept. */
    private static Map<String, String> hashes(Path dir) throws IOException {
        Map<String, String> out = new TreeMap<>();
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.filter(p -> !Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)).toList()) {
                out.put(dir.relativize(p).toString().replace('\\', '/'), sha256(Files.isSymbolicLink(p) ? new byte[0] : Files.readAllBytes(p)));
            }
        }
        return out;
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
