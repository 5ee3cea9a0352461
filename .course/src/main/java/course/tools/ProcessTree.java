package course.tools;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Ends every process a grading run started. Each carries the run's {@link #MARKER} in its environment, so on
 * Linux one that left the tree (setsid, double fork) is still found in /proc. For Maven's side and unsandboxed
 * runs: a process that also cleared its environment escapes (solutions/README.md says so).
 */
final class ProcessTree {

    static final String MARKER = "COURSE_GRADER_RUN";

    private ProcessTree() {}

    /** Kills {@code root} (if any) with all its descendants, then every other process marked with {@code token}; returns how many. */
    static int killAll(ProcessHandle root, String token) {
        List<ProcessHandle> doomed = new ArrayList<>();
        if (root != null) doomed.add(root);
        if (token != null) doomed.addAll(marked(token));
        int killed = 0;
        for (ProcessHandle h : doomed) {
            for (ProcessHandle d : h.descendants().toList()) killed += kill(d);
            killed += kill(h);
        }
        return killed;
    }

    private static int kill(ProcessHandle h) {
        return h.pid() != ProcessHandle.current().pid() && h.isAlive() && h.destroyForcibly() ? 1 : 0;
    }

    /** Live processes (other than this one) whose environment holds MARKER=token; empty where /proc is not there. */
    static List<ProcessHandle> marked(String token) {
        List<ProcessHandle> out = new ArrayList<>();
        String entry = MARKER + "=" + token;
        try (Stream<Path> s = Files.list(Path.of("/proc"))) {
            for (Path p : s.toList()) {
                String name = p.getFileName().toString();
                if (!name.chars().allMatch(Character::isDigit) || Long.parseLong(name) == ProcessHandle.current().pid()) continue;
                try {
                    // NUL-separated entries: match a whole one
                    if (List.of(new String(Files.readAllBytes(p.resolve("environ")), StandardCharsets.UTF_8).split("\0")).contains(entry)) {
                        ProcessHandle.of(Long.parseLong(name)).ifPresent(out::add);
                    }
                } catch (IOException | SecurityException e) {
                    // gone, or not ours to read
                }
            }
        } catch (IOException e) {
            // no /proc: nothing more to find
        }
        return out;
    }
}
