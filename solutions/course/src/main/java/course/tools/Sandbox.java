package course.tools;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * Where the learner's code runs: the test JVMs that surefire forks. On Linux with bubblewrap
 * ({@code bwrap}) each one runs in a sandbox: the whole file system read-only except a fresh scratch
 * folder of its own (java.io.tmpdir, user.home, $HOME and $TMPDIR point there), no network but its own
 * loopback, its own PID namespace (whatever it starts dies with it), a new session (no terminal), and
 * killed when its parent dies. Maven itself, which compiles and writes the reports, stays outside.
 *
 * <p>It is wired in through surefire's {@code jvm} parameter: a small shell script in the layout of a
 * JDK (bin/java next to a copy of the real JDK's release file, which surefire reads) that starts the
 * real java under bwrap. The one file a test JVM may write outside its scratch folder is the empty
 * list surefire's test-listing JVM fills before any test (and so any learner code) runs.
 */
final class Sandbox {

    enum Mode {
        /** Sandbox where the OS offers one; grade unsandboxed (and say so) elsewhere. */
        AUTO,
        /** Never sandbox. */
        OFF,
        /** Sandbox or refuse to grade. */
        REQUIRED;

        static Mode parse(String s) {
            return switch (s.strip().toLowerCase(Locale.ROOT)) {
                case "auto" -> AUTO;
                case "off" -> OFF;
                case "required" -> REQUIRED;
                default -> throw new IllegalArgumentException("--sandbox takes auto, off or required; got " + s);
            };
        }
    }

    /** What grading will use: bwrap (its path and version), or nothing, with the reason. */
    record Choice(Path bwrap, String description) {
        boolean on() {
            return bwrap != null;
        }
    }

    /** Chooses for {@code mode}; throws IllegalStateException for REQUIRED when no sandbox can be had. */
    static Choice choose(Mode mode) {
        if (mode == Mode.OFF) return new Choice(null, "unsandboxed (--sandbox=off)");
        String why = unavailable();
        Path bwrap = why == null ? findBwrap() : null;
        if (bwrap != null) {
            String trial = trial(bwrap);
            if (trial == null) return new Choice(bwrap, "bwrap " + version(bwrap));
            why = trial;
        }
        if (mode == Mode.REQUIRED) {
            throw new IllegalStateException("--sandbox=required, but no sandbox can be had here: " + why);
        }
        return new Choice(null, "unsandboxed (" + why + ")");
    }

    /** Null where a sandbox could exist (Linux), else why not. */
    private static String unavailable() {
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        return os.contains("linux") ? null : "no sandbox on " + System.getProperty("os.name") + "; bubblewrap is Linux only";
    }

    private static Path findBwrap() {
        for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin:/bin").split(java.io.File.pathSeparator)) {
            if (dir.isEmpty()) continue;
            Path p = Path.of(dir, "bwrap");
            if (Files.isExecutable(p)) return p;
        }
        return null;
    }

    /** Null when bwrap can start a process with every namespace this sandbox uses, else what went wrong. */
    private static String trial(Path bwrap) {
        List<String> cmd = new ArrayList<>(List.of(bwrap.toString()));
        cmd.addAll(List.of("--ro-bind", "/", "/", "--dev", "/dev", "--proc", "/proc", "--unshare-all", "--die-with-parent",
                "--new-session", "--", "/bin/sh", "-c", "exit 0"));
        try {
            Path err = Files.createTempFile("course-bwrap", ".err");
            try {
                Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(err.toFile()).start();
                if (!p.waitFor(30, TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                    return "bwrap did not start a trial process within 30 s";
                }
                return p.exitValue() == 0 ? null
                        : "bwrap cannot create a sandbox here (" + Files.readString(err).strip().lines().findFirst().orElse("exit " + p.exitValue())
                          + "); user namespaces may be disabled";
            } finally {
                Files.deleteIfExists(err);
            }
        } catch (IOException e) {
            return "bwrap does not start: " + e.getMessage();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        }
    }

    private static String version(Path bwrap) {
        try {
            return Course.exec(List.of(bwrap.toString(), "--version"), null).strip().replaceFirst("^bubblewrap\\s*", "");
        } catch (Exception e) {
            return "(version unknown)";
        }
    }

    /**
     * Writes the launcher surefire starts instead of java: {@code dir/jdk/bin/java} next to a copy of
     * the real JDK's release file; returns the launcher's path (for -Djvm=...).
     */
    static Path installLauncher(Path dir, Path bwrap, Path javaHome, Path scratchRoot) throws IOException {
        Path jdk = dir.resolve("jdk");
        Files.createDirectories(jdk.resolve("bin"));
        Files.createDirectories(scratchRoot);
        Path release = javaHome.resolve("release");
        if (Files.exists(release)) Files.copy(release, jdk.resolve("release"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        Path launcher = jdk.resolve("bin/java");
        Files.writeString(launcher, launcherScript(bwrap, javaHome.resolve("bin/java"), scratchRoot));
        Files.setPosixFilePermissions(launcher, PosixFilePermissions.fromString("r-xr-xr-x"));
        return launcher;
    }

    /** The fixed bwrap options (before the per-JVM scratch folder and the discovered-tests list). */
    static List<String> bwrapOptions() {
        return List.of("--ro-bind", "/", "/", "--dev", "/dev", "--proc", "/proc",
                "--unshare-all", "--die-with-parent", "--new-session");
    }

    /** JVM options the launcher adds: the scratch folder as tmpdir and home, and no shared-memory perf data (/tmp is read-only). */
    static List<String> jvmOptions() {
        return List.of("-Djava.io.tmpdir=\"$scratch/tmp\"", "-Duser.home=\"$scratch/home\"", "-XX:-UsePerfData");
    }

    /** The launcher, a POSIX shell script. Surefire runs it as {@code java [argLine] -jar BOOTER.jar SUREFIRE_DIR ...}. */
    static String launcherScript(Path bwrap, Path java, Path scratchRoot) {
        String opts = String.join(" ", bwrapOptions());
        return """
                #!/bin/sh
                # Written by the course grader: surefire starts this instead of java (-Djvm=...), so every
                # test JVM runs in a bubblewrap sandbox with a fresh scratch folder. See Sandbox.java.
                scratch=$(mktemp -d %s/jvm-XXXXXX) || exit 70
                mkdir "$scratch/tmp" "$scratch/home" || exit 70
                booter=""; previous=""
                for a in "$@"; do
                  if [ "$previous" = "-jar" ]; then booter="$a"; fi
                  previous="$a"
                done
                set -- -- %s %s "$@"
                # surefire's test-listing JVM writes the test classes it found into an empty file it was given;
                # it runs before any test class (and so any learner code) is loaded. Only that empty file is writable.
                if [ -n "$booter" ]; then
                  for f in "$(dirname "$booter")"/surefire-discovered-tests*.txt; do
                    if [ -f "$f" ] && [ ! -L "$f" ] && [ ! -s "$f" ]; then set -- --bind "$f" "$f" "$@"; fi
                  done
                fi
                exec %s %s --bind "$scratch" "$scratch" --setenv HOME "$scratch/home" --setenv TMPDIR "$scratch/tmp" --chdir "$PWD" "$@"
                """.formatted(shellQuote(scratchRoot.toString()), shellQuote(java.toString()), String.join(" ", jvmOptions()),
                shellQuote(bwrap.toString()), opts);
    }

    /** A word for sh: single-quoted unless it is plainly safe. */
    static String shellQuote(String s) {
        return s.matches("[A-Za-z0-9_@%+=:,./-]+") ? s : "'" + s.replace("'", "'\\''") + "'";
    }

    private Sandbox() {}
}
