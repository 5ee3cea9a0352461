package course.tools;

import java.io.*;
import java.nio.charset.StandardCharsets;
import java.nio.file.*;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.*;

/**
 * The bwrap options for one test JVM, by allow-list: a fresh root holding only the JDK, the system
 * libraries it links, a few /etc files the grader wrote, the class path surefire gives the JVM
 * (read-only), the module's folder of this one submission's staged course copy (read-only), a
 * size-capped private /tmp, a fresh /proc and a minimal /dev. No bind of /, no $HOME, no other
 * submission, no host /tmp or socket, no environment but HOME, TMPDIR, LANG, MALLOC_ARENA_MAX and
 * CLASSPATH. Run by the launcher (outside the sandbox, as the grader) once per test JVM; uses
 * java.base only, so it starts fast. See {@link Sandbox}.
 */
final class SandboxArgs {

    /** The main class surefire's forked JVM runs (its first argument after it is surefire's folder of fork files). */
    static final String BOOTER = "org.apache.maven.surefire.booter.ForkedBooter";

    private final List<String> out = new ArrayList<>();
    private final Set<String> dirs = new HashSet<>(List.of("/", "/tmp", "/proc", "/dev"));
    private final List<String> bound = new ArrayList<>();

    /** args: config file, args file to write (NUL-separated), working directory, then the JVM's arguments. */
    public static void main(String[] args) throws IOException {
        Properties config = new Properties();
        try (InputStream in = Files.newInputStream(Path.of(args[0]))) {
            config.load(in);
        }
        String classpath = System.getenv().getOrDefault("CLASSPATH", "");
        try (OutputStream o = Files.newOutputStream(Path.of(args[1]))) {
            for (String s : options(config, Path.of(args[2]), classpath, List.of(args).subList(3, args.length), true)) {
                o.write(s.getBytes(StandardCharsets.UTF_8));
                o.write(0);
            }
        }
    }

    /**
     * The options (before {@code --}) for a JVM started in {@code pwd} with {@code classpath} and
     * {@code jvmArgs}; {@code prepare} makes surefire's empty test list writable to the sandbox's user.
     */
    static List<String> options(Properties c, Path pwd, String classpath, List<String> jvmArgs, boolean prepare) throws IOException {
        SandboxArgs a = new SandboxArgs();
        boolean root = Boolean.parseBoolean(c.getProperty("root", "false"));
        if (root) {
            // No user namespace: the JVM drops to an unprivileged uid with setpriv (the command), which
            // needs these three until then. A uid mapped to root would be exempt from RLIMIT_NPROC.
            a.add("--unshare-ipc", "--unshare-pid", "--unshare-net", "--unshare-uts", "--unshare-cgroup-try",
                    "--cap-drop", "ALL", "--cap-add", "CAP_SETUID", "--cap-add", "CAP_SETGID", "--cap-add", "CAP_SETPCAP");
        } else {
            a.add("--unshare-all", "--unshare-user", "--disable-userns", "--cap-drop", "ALL");
        }
        a.add("--die-with-parent", "--new-session", "--clearenv",
                "--setenv", "HOME", "/tmp", "--setenv", "TMPDIR", "/tmp", "--setenv", "LANG", "C.UTF-8", "--setenv", "MALLOC_ARENA_MAX", "2");
        if (!classpath.isEmpty()) a.add("--setenv", "CLASSPATH", classpath);
        a.add("--proc", "/proc", "--dev", "/dev", "--perms", "1777", "--size", c.getProperty("tmp.bytes", "134217728"), "--tmpfs", "/tmp");
        for (String lib : c.getProperty("libs", "").split("\n")) {
            if (!lib.isBlank() && Files.isDirectory(Path.of(lib))) a.roBind(Path.of(lib).toRealPath().toString(), lib);
        }
        a.roBind(c.getProperty("java.home"), c.getProperty("java.home"));
        Path etc = Path.of(c.getProperty("etc"));
        for (String f : List.of("hosts", "passwd", "group", "nsswitch.conf")) a.roBind(etc.resolve(f).toString(), "/etc/" + f);
        if (Files.isRegularFile(Path.of("/etc/ld.so.cache"))) a.roBind("/etc/ld.so.cache", "/etc/ld.so.cache");
        for (String tool : c.getProperty("tools", "").split("\n")) {
            if (!tool.isBlank()) a.roBind(Path.of(tool).toRealPath().toString(), tool);
        }
        a.roBind(pwd.toString(), pwd.toString());
        for (String entry : classpath.split(":")) {
            if (!entry.isEmpty() && Path.of(entry).isAbsolute() && Files.exists(Path.of(entry))) a.roBind(entry, entry);
        }
        // Surefire's test-listing JVM fills an empty list it is given before any test class (and so any
        // learner code) is loaded; that one file is writable. Its folder follows the booter's main class.
        int booter = jvmArgs.indexOf(BOOTER);
        if (booter >= 0 && booter + 1 < jvmArgs.size()) {
            Path forkDir = Path.of(jvmArgs.get(booter + 1));
            if (Files.isDirectory(forkDir)) {
                try (var s = Files.list(forkDir)) {
                    for (Path f : s.sorted().toList()) {
                        String name = f.getFileName().toString();
                        if (prepare && root && Files.isRegularFile(f, LinkOption.NOFOLLOW_LINKS)) {
                            // surefire's fork files are the grader's; the sandbox's user must read them
                            Files.setPosixFilePermissions(f, PosixFilePermissions.fromString("rw-r--r--"));
                        }
                        if (name.startsWith("surefire-discovered-tests") && name.endsWith(".txt") && !Files.isSymbolicLink(f)
                                && Files.isRegularFile(f) && Files.size(f) == 0) {
                            if (prepare && root) Files.setPosixFilePermissions(f, PosixFilePermissions.fromString("rw-rw-rw-"));
                            a.add("--bind", f.toString(), f.toString());
                        }
                    }
                }
            }
        }
        a.add("--chdir", pwd.toString());
        return a.out;
    }

    private void add(String... s) {
        out.addAll(List.of(s));
    }

    /** Binds {@code src} read-only at {@code dst}, unless something bound already holds it; its parents are made 0755. */
    private void roBind(String src, String dst) {
        for (String b : bound) {
            if (dst.equals(b) || dst.startsWith(b + "/")) return;
        }
        // bwrap makes missing parents 0700 when run as root: make them readable to the sandbox's user
        List<String> parents = new ArrayList<>();
        for (Path p = Path.of(dst).getParent(); p != null; p = p.getParent()) parents.addFirst(p.toString());
        for (String p : parents) {
            if (dirs.add(p)) add("--perms", "0755", "--dir", p);
        }
        add("--ro-bind", src, dst);
        bound.add(dst);
    }
}
