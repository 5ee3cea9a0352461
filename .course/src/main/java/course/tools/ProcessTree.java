package course.tools;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Ends every process a grading run started. A process started by the grader carries the run's
 * marker in its environment ({@link #MARKER}); on Linux a process that left the tree (setsid, double
 * fork: reparented to init) is still found by that marker in /proc. In the sandbox a learner's
 * processes die with their PID namespace anyway; this is for Maven's side and for unsandboxed runs,
 * where a process that also cleared its environment can escape (the README says so).
 */
final class ProcessTree {

    static final String MARKER = "COURSE_GRADER_RUN";

    /** Kills {@code root} (if any) with all its descendants, then every other process marked with {@code token}. */
    static int killAll(ProcessHandle root, String token) {
        int killed = 0;
        if (root != null) {
            for (ProcessHandle h : root.descendants().toList()) killed += kill(h);
            killed += kill(root);
        }
        if (token != null) {
            for (ProcessHandle h : marked(token)) {
                for (ProcessHandle d : h.descendants().toList()) killed += kill(d);
                killed += kill(h);
            }
        }
        return killed;
    }

    private static int kill(ProcessHandle h) {
        if (h.pid() == ProcessHandle.current().pid() || !h.isAlive()) return 0;
        return h.destroyForcibly() ? 1 : 0;
    }

    /** Live processes (other than this one) whose environment holds MARKER=token; empty where /proc is not there. */
    static List<ProcessHandle> marked(String token) {
        List<ProcessHandle> out = new ArrayList<>();
        Path proc = Path.of("/proc");
        if (!Files.isDirectory(proc)) return out;
        byte[] needle = (MARKER + "=" + token).getBytes(StandardCharsets.UTF_8);
        long self = ProcessHandle.current().pid();
        try (Stream<Path> s = Files.list(proc)) {
            for (Path p : s.toList()) {
                String name = p.getFileName().toString();
                if (!name.chars().allMatch(Character::isDigit) || Long.parseLong(name) == self) continue;
                try {
                    byte[] env = Files.readAllBytes(p.resolve("environ"));
                    if (contains(env, needle)) ProcessHandle.of(Long.parseLong(name)).ifPresent(out::add);
                } catch (IOException | SecurityException e) {
                    // gone, or not ours to read
                }
            }
        } catch (IOException e) {
            // no /proc listing: nothing more to find
        }
        return out;
    }

    private static boolean contains(byte[] env, byte[] needle) {
        // entries are NUL-separated: match a whole entry
        outer:
        for (int i = 0; i + needle.length <= env.length; i++) {
            if (i > 0 && env[i - 1] != 0) continue;
            for (int j = 0; j < needle.length; j++) if (env[i + j] != needle[j]) continue outer;
            if (i + needle.length == env.length || env[i + needle.length] == 0) return true;
        }
        return false;
    }

    private ProcessTree() {}
}
