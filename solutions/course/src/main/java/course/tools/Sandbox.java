package course.tools;

import java.io.*;
import java.nio.file.*;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.*;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where the learner's code runs: each test JVM surefire forks. On Linux with bubblewrap it runs in a
 * sandbox built by allow-list ({@link SandboxArgs}): the JDK, the system libraries, its class path and its
 * own module folder of this submission's staged copy, all read-only, and a size-capped private /tmp;
 * no network, no environment but what the JVM needs, its own PID namespace, a new session, and it dies
 * with its parent. It holds no capability; as root it runs as uid/gid {@value #UID} all the same
 * (setpriv), and prlimit keeps a fork, heap or disk bomb to its own grade. Maven stays outside.
 * Wired in through surefire's {@code jvm} parameter: a shell script in the layout of a JDK that asks
 * SandboxArgs for the bind list, then starts the real java under bwrap; it lives in the grader's work
 * folder, which no sandbox can see.
 */
final class Sandbox {

    enum Mode {
        AUTO, OFF, REQUIRED;

        static Mode parse(String s) {
            try {
                return valueOf(s.strip().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new ToolException("--sandbox takes auto, off or required; got " + s);
            }
        }
    }

    /** The uid and gid a test JVM runs as when the grader is root. */
    static final int UID = 65534;
    /** Per test JVM: processes and threads, address space, one file's size, the private /tmp. */
    static final long NPROC = 1024, ADDRESS_SPACE = 4L << 30, FILE_SIZE = 64L << 20, TMP_BYTES = 128L << 20;

    /** What grading will use: bwrap (its path and version), or nothing, with the reason. */
    record Choice(Path bwrap, String description, boolean root, List<Path> tools) {
        Choice(Path bwrap, String description) { this(bwrap, description, false, List.of()); }
        boolean on() { return bwrap != null; }
    }

    static final String UNSANDBOXED = "the submissions' code runs as you, with your files, environment and network: "
            + "grade untrusted code only in a throwaway container or account";

    /** Chooses for {@code mode}; refuses to grade under REQUIRED when no sandbox can be had. */
    static Choice choose(Mode mode) {
        if (mode == Mode.OFF) return new Choice(null, "unsandboxed (--sandbox=off)");
        boolean linux = System.getProperty("os.name", "").toLowerCase(Locale.ROOT).contains("linux");
        String why = linux ? null : "no sandbox on " + System.getProperty("os.name") + "; bubblewrap is Linux only";
        Path bwrap = why == null ? find("bwrap") : null;
        if (why == null && bwrap == null) why = "bwrap not found (apt-get install bubblewrap)";
        boolean root = why == null && uid() == 0;
        List<Path> tools = new ArrayList<>();
        for (String t : why != null ? List.<String>of() : root ? List.of("setpriv", "prlimit") : List.of("prlimit")) {
            if (find(t) == null) why = t + " not found (util-linux)";
            else tools.add(find(t));
        }
        if (why == null) {
            Choice c = new Choice(bwrap, "bwrap " + version(bwrap) + (root ? ", uid " + UID : ""), root, tools);
            if ((why = trial(c)) == null) return c;
        }
        if (mode == Mode.REQUIRED) throw new ToolException("--sandbox=required, but no sandbox can be had here: " + why);
        return new Choice(null, "unsandboxed (" + why + ")");
    }

    private static long uid() {
        try {
            return Long.parseLong(Files.readAllLines(Path.of("/proc/self/status")).stream().filter(l -> l.startsWith("Uid:"))
                    .findFirst().orElseThrow().split("\\s+")[1]);
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    private static Path find(String tool) {
        List<String> path = new ArrayList<>(List.of(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)));
        path.addAll(List.of("/usr/bin", "/bin", "/usr/sbin", "/sbin"));
        return path.stream().filter(d -> !d.isEmpty()).map(d -> Path.of(d, tool)).filter(Files::isExecutable).findFirst().orElse(null);
    }

    private static String version(Path bwrap) {
        try {
            return Course.exec(List.of(bwrap.toString(), "--version"), null).strip().replaceFirst("^bubblewrap\\s*", "");
        } catch (Exception e) {
            return "(version unknown)";
        }
    }

    /** Null when the launcher, as a test JVM gets it, starts this JDK's java; else what went wrong. */
    private static String trial(Choice c) {
        Path dir = null;
        try {
            dir = Files.createTempDirectory("course-bwrap-");
            Path launcher = installLauncher(dir, c, Path.of(System.getProperty("java.home")), Duration.ofSeconds(60));
            Path work = Files.createDirectories(dir.resolve("work")), out = dir.resolve("trial.out");
            Process p = new ProcessBuilder(launcher.toString(), "-version").directory(work.toFile()).redirectErrorStream(true)
                    .redirectOutput(out.toFile()).start();
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return "bwrap did not start a trial JVM within 60 s";
            }
            return p.exitValue() == 0 ? null : "bwrap cannot create the sandbox here ("
                    + Files.readString(out).strip().lines().findFirst().orElse("exit " + p.exitValue()) + "); user namespaces may be disabled";
        } catch (IOException e) {
            return "bwrap does not start: " + e.getMessage();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        } finally {
            try {
                if (dir != null) Course.deleteTree(dir);
            } catch (IOException e) {
                // a temporary folder left behind
            }
        }
    }

    /**
     * Writes the launcher surefire starts instead of java into {@code dir} (the grader's, which no sandbox
     * sees): jdk/bin/java beside a copy of the JDK's release file (surefire reads it), the sandbox's config,
     * its /etc files and SandboxArgs' class; returns the launcher's path (for -Djvm=...).
     */
    static Path installLauncher(Path dir, Choice c, Path javaHome, Duration cpuLimit) throws IOException {
        Path jdk = Files.createDirectories(dir.resolve("jdk/bin")).getParent();
        if (Files.exists(javaHome.resolve("release"))) Files.copy(javaHome.resolve("release"), jdk.resolve("release"), StandardCopyOption.REPLACE_EXISTING);
        Path etc = Files.createDirectories(dir.resolve("etc"));
        Files.writeString(etc.resolve("hosts"), "127.0.0.1 localhost\n::1 localhost ip6-localhost ip6-loopback\n");
        Files.writeString(etc.resolve("passwd"), "root:x:0:0:root:/tmp:/nonexistent\nsandbox:x:" + UID + ":" + UID + ":sandbox:/tmp:/nonexistent\n");
        Files.writeString(etc.resolve("group"), "root:x:0:\nsandbox:x:" + UID + ":\n");
        Files.writeString(etc.resolve("nsswitch.conf"), "passwd: files\ngroup: files\nhosts: files\n");
        try (InputStream in = SandboxArgs.class.getResourceAsStream("SandboxArgs.class")) {
            if (in == null) throw new IOException("the course tools' SandboxArgs.class is missing");
            Files.copy(in, Files.createDirectories(dir.resolve("classes/course/tools")).resolve("SandboxArgs.class"), StandardCopyOption.REPLACE_EXISTING);
        }
        Properties config = new Properties();
        config.setProperty("root", Boolean.toString(c.root()));
        config.setProperty("java.home", javaHome.toString());
        config.setProperty("etc", etc.toString());
        config.setProperty("libs", String.join("\n", libraryDirs(javaHome)));
        config.setProperty("tools", String.join("\n", c.tools().stream().map(Path::toString).toList()));
        config.setProperty("tmp.bytes", Long.toString(TMP_BYTES));
        try (var out = Files.newOutputStream(dir.resolve("sandbox.properties"))) {
            config.store(out, "the course grader's sandbox, see Sandbox.java");
        }
        Files.createDirectories(dir.resolve("run"));
        Path launcher = jdk.resolve("bin/java");
        Files.writeString(launcher, launcherScript(dir, c, javaHome.resolve("bin/java"), cpuLimit));
        Files.setPosixFilePermissions(launcher, PosixFilePermissions.fromString("r-x------"));
        return launcher;
    }

    /** The command bwrap runs: drop to {@link #UID} when root, set the limits, then java with the sandbox's own folders. */
    static List<String> command(Choice c, Path java, Duration cpuLimit) {
        List<String> cmd = new ArrayList<>();
        if (c.root()) {
            cmd.addAll(List.of(tool(c, "setpriv"), "--reuid=" + UID, "--regid=" + UID, "--clear-groups", "--inh-caps=-all",
                    "--bounding-set=-all", "--no-new-privs", "--"));
        }
        cmd.addAll(List.of(tool(c, "prlimit"), "--nproc=" + NPROC, "--as=" + ADDRESS_SPACE, "--fsize=" + FILE_SIZE,
                "--cpu=" + Math.max(60, cpuLimit.toSeconds()), "--core=0", "--"));
        cmd.addAll(List.of(java.toString(), "-XX:-UsePerfData", "-Djava.io.tmpdir=/tmp", "-Duser.home=/tmp"));
        return cmd;
    }

    private static String tool(Choice c, String name) {
        return c.tools().stream().filter(p -> p.getFileName().toString().equals(name)).findFirst().map(Path::toString)
                .orElseThrow(() -> new IllegalStateException(name + " not found"));
    }

    /** The folders of the shared libraries java links (ldd), or the usual ones where ldd cannot tell. */
    static List<String> libraryDirs(Path javaHome) {
        Set<String> dirs = new LinkedHashSet<>();
        try {
            String out = Course.exec(List.of("ldd", javaHome.resolve("bin/java").toString(), javaHome.resolve("lib/server/libjvm.so").toString()), null);
            Matcher m = Pattern.compile("(?:=>\\s*)?(/\\S+\\.so[.\\d]*)\\s+\\(").matcher(out);
            while (m.find()) {
                if (!Path.of(m.group(1)).startsWith(javaHome)) dirs.add(Path.of(m.group(1)).getParent().toString());
            }
        } catch (Exception e) {
            // no ldd: the usual places
        }
        if (dirs.isEmpty()) List.of("/lib", "/lib64", "/usr/lib", "/usr/lib64").stream().filter(d -> Files.isDirectory(Path.of(d))).forEach(dirs::add);
        return List.copyOf(dirs);
    }

    /**
     * The launcher, a POSIX shell script. Surefire runs it as {@code java [argLine] ForkedBooter FORK_DIR ...}
     * with the class path in $CLASSPATH. SandboxArgs writes the bind list into a file of the grader's,
     * which bwrap reads (--args) and which is removed before the JVM starts.
     */
    static String launcherScript(Path dir, Choice c, Path java, Duration cpuLimit) {
        String cmd = String.join(" ", command(c, java, cpuLimit).stream().map(Sandbox::shellQuote).toList());
        return """
                #!/bin/sh
                # Written by the course grader: surefire starts this instead of java (-Djvm=...), so every
                # test JVM runs in a bubblewrap sandbox built by allow-list. See Sandbox.java, SandboxArgs.java.
                args=$(mktemp %1$s/run/args-XXXXXX) || exit 70
                %2$s -Xshare:auto -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -XX:-UsePerfData -cp %1$s/classes course.tools.SandboxArgs \
                  %1$s/sandbox.properties "$args" "$PWD" "$@" || { rm -f "$args"; exit 70; }
                exec 3<"$args"
                rm -f "$args"
                # bwrap starts with an empty environment too: its own process stays in the sandbox as PID 1,
                # where the test JVM could read /proc/1/environ (it runs as the same user when we are not root).
                exec env -i %3$s --args 3 -- %4$s "$@"
                """.formatted(shellQuote(dir.toString()), shellQuote(java.toString()), shellQuote(c.bwrap().toString()), cmd);
    }

    /** A word for sh: single-quoted unless it is plainly safe. */
    static String shellQuote(String s) {
        return s.matches("[A-Za-z0-9_@%+=:,./-]+") ? s : "'" + s.replace("'", "'\\''") + "'";
    }

    private Sandbox() {}
}
