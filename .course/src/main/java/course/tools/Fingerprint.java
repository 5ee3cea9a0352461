package course.tools;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.*;
import java.util.stream.Stream;

/** A SHA-256 over strings and files (path and content), in order: the key of every cache the fast tools keep. */
final class Fingerprint {

    private final MessageDigest sha;

    Fingerprint() {
        try {
            sha = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A string, length first, so that "ab"+"c" differs from "a"+"bc". */
    Fingerprint add(String s) {
        return bytes(s.getBytes(StandardCharsets.UTF_8));
    }

    Fingerprint add(Collection<String> strings) {
        add("list" + strings.size());
        strings.forEach(this::add);
        return this;
    }

    private Fingerprint bytes(byte[] b) {
        sha.update((b.length + ":").getBytes(StandardCharsets.UTF_8));
        sha.update(b);
        return this;
    }

    /** A file's name relative to {@code base}, and its content; a missing file counts as "missing". */
    Fingerprint file(Path base, Path file) throws IOException {
        add(base.relativize(file).toString().replace('\\', '/'));
        return Files.isRegularFile(file) ? add("bytes").bytes(Files.readAllBytes(file)) : add("missing");
    }

    /** Every regular file under {@code dir} whose name ends with one of {@code suffixes} (all when none), in name order. */
    Fingerprint tree(Path dir, String... suffixes) throws IOException {
        add("tree");
        for (Path f : files(dir, suffixes)) file(dir, f);
        return this;
    }

    String hex() {
        return HexFormat.of().formatHex(sha.digest());
    }

    /** Regular files under {@code dir} (none when it does not exist) ending with a suffix, sorted by path. */
    static List<Path> files(Path dir, String... suffixes) throws IOException {
        if (!Files.isDirectory(dir)) return List.of();
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(Files::isRegularFile)
                    .filter(p -> suffixes.length == 0 || Stream.of(suffixes).anyMatch(x -> p.getFileName().toString().endsWith(x)))
                    .sorted().toList();
        }
    }
}
