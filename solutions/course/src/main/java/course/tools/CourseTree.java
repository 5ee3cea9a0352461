package course.tools;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * The course as the grader uses it: the files of a commit (HEAD), without solutions/, written into a
 * folder of its own and remembered by SHA-256. Before every submission the grader checks that the
 * folder still holds exactly those bytes (no file changed, missing or added); a difference is
 * reported and the folder written again from git. Each submission is graded in a copy of it.
 */
final class CourseTree {

    private final Path repo;
    private final String commit;
    private final Path dir;
    private final Map<String, Entry> files = new TreeMap<>();

    private record Entry(String blob, boolean executable, String sha256) {}

    private CourseTree(Path repo, String commit, Path dir) {
        this.repo = repo;
        this.commit = commit;
        this.dir = dir;
    }

    /** Writes the files of {@code rev} in {@code repo} (all but solutions/) into {@code dir}, which must not exist. */
    static CourseTree fromCommit(Path repo, String rev, Path dir) throws Exception {
        String commit = Course.git(repo, "rev-parse", "--verify", rev + "^{commit}").strip();
        CourseTree tree = new CourseTree(repo, commit, dir);
        for (String line : Course.git(repo, "ls-tree", "-r", "-z", "--full-tree", commit).split("\0")) {
            if (line.isEmpty()) continue;
            // "<mode> <type> <object>\t<path>"
            int tab = line.indexOf('\t');
            String[] meta = line.substring(0, tab).split(" ");
            String path = line.substring(tab + 1);
            if (!meta[1].equals("blob") || path.startsWith("solutions/") || meta[0].equals("120000")) continue;
            tree.files.put(path, new Entry(meta[2], meta[0].equals("100755"), null));
        }
        tree.write();
        return tree;
    }

    String commit() {
        return commit;
    }

    Path dir() {
        return dir;
    }

    /** SHA-256 of the tree's content (every path and its SHA-256): equal for any commit with the same course files. */
    String contentSha256() {
        StringBuilder b = new StringBuilder();
        files.forEach((path, e) -> b.append(e.sha256()).append("  ").append(path).append('\n'));
        return sha256(b.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    /** The tree's files, relative paths with '/'. */
    List<String> paths() {
        return List.copyOf(files.keySet());
    }

    /** Writes every file from git's object store (git cat-file --batch), remembering each file's SHA-256. */
    private void write() throws Exception {
        Course.deleteTree(dir);
        Files.createDirectories(dir);
        List<String> paths = new ArrayList<>(files.keySet());
        Process p = new ProcessBuilder("git", "-C", repo.toString(), "cat-file", "--batch")
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        Thread feeder = Thread.ofVirtual().start(() -> {
            try (OutputStream in = new BufferedOutputStream(p.getOutputStream())) {
                for (String path : paths) in.write((files.get(path).blob() + "\n").getBytes(StandardCharsets.US_ASCII));
            } catch (IOException e) {
                // git ended early; the reader below reports it
            }
        });
        try (InputStream out = new BufferedInputStream(p.getInputStream())) {
            for (String path : paths) {
                String header = readLine(out); // "<object> blob <size>"
                String[] h = header.split(" ");
                if (h.length != 3 || !h[1].equals("blob")) throw new IOException("git cat-file: unexpected answer for " + path + ": " + header);
                byte[] content = out.readNBytes(Integer.parseInt(h[2]));
                if (out.read() != '\n') throw new IOException("git cat-file: truncated object for " + path);
                Path target = dir.resolve(path);
                Files.createDirectories(target.getParent());
                Files.write(target, content);
                Entry e = files.get(path);
                if (e.executable()) {
                    try {
                        Files.setPosixFilePermissions(target, PosixFilePermissions.fromString("rwxr-xr-x"));
                    } catch (UnsupportedOperationException notPosix) {
                        target.toFile().setExecutable(true); // Windows: mvnw.cmd is what runs there
                    }
                }
                files.put(path, new Entry(e.blob(), e.executable(), sha256(content)));
            }
        } finally {
            feeder.join();
            p.waitFor();
        }
    }

    private static String readLine(InputStream in) throws IOException {
        StringBuilder b = new StringBuilder();
        for (int c = in.read(); c != '\n'; c = in.read()) {
            if (c < 0) throw new IOException("git cat-file ended early");
            b.append((char) c);
        }
        return b.toString();
    }

    /** What differs between the folder and the commit: "changed: x", "missing: y", "added: z"; empty when identical. */
    List<String> verify() throws IOException {
        List<String> problems = new ArrayList<>();
        for (var e : files.entrySet()) {
            Path p = dir.resolve(e.getKey());
            if (!Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)) problems.add("missing: " + e.getKey());
            else if (!sha256(Files.readAllBytes(p)).equals(e.getValue().sha256())) problems.add("changed: " + e.getKey());
        }
        if (Files.isDirectory(dir)) {
            try (Stream<Path> s = Files.walk(dir)) {
                s.filter(p -> !Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS))
                 .map(p -> dir.relativize(p).toString().replace('\\', '/'))
                 .filter(rel -> !files.containsKey(rel))
                 .sorted().forEach(rel -> problems.add("added: " + rel));
            }
        }
        return problems;
    }

    /** Writes the folder again from git. */
    void rebuild() throws Exception {
        write();
    }

    /** Copies the tree into {@code dest} (created). */
    void copyTo(Path dest) throws IOException {
        for (var e : files.entrySet()) {
            Path src = dir.resolve(e.getKey());
            Path dst = dest.resolve(e.getKey());
            Files.createDirectories(dst.getParent());
            Files.copy(src, dst, java.nio.file.StandardCopyOption.COPY_ATTRIBUTES);
        }
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
