package course.tools;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class SandboxTest {

    @Test
    void theLauncherRunsJavaUnderBwrapWithEveryNamespaceAndAScratchFolderOfItsOwn() throws Exception {
        String script = Sandbox.launcherScript(Path.of("/usr/bin/bwrap"), Path.of("/opt/jdk 25/bin/java"), Path.of("/tmp/grade/scratch"));
        assertThat(script).startsWith("#!/bin/sh\n")
                .contains("mktemp -d /tmp/grade/scratch/jvm-XXXXXX")
                .contains("exec /usr/bin/bwrap --ro-bind / / --dev /dev --proc /proc --unshare-all --die-with-parent --new-session"
                        + " --bind \"$scratch\" \"$scratch\" --setenv HOME \"$scratch/home\" --setenv TMPDIR \"$scratch/tmp\" --chdir \"$PWD\" \"$@\"")
                .contains("set -- -- '/opt/jdk 25/bin/java' -Djava.io.tmpdir=\"$scratch/tmp\" -Duser.home=\"$scratch/home\" -XX:-UsePerfData \"$@\"")
                .contains("[ ! -s \"$f\" ]");
        assertThat(script).doesNotContain("--share-net").doesNotContain("--bind / /");
        // sh can read it
        Path f = Files.createTempFile("launcher", ".sh");
        try {
            Files.writeString(f, script);
            Process p = new ProcessBuilder("sh", "-n", f.toString()).redirectErrorStream(true).start();
            assertThat(p.waitFor(10, TimeUnit.SECONDS)).isTrue();
            assertThat(new String(p.getInputStream().readAllBytes())).isEmpty();
            assertThat(p.exitValue()).isZero();
        } finally {
            Files.deleteIfExists(f);
        }
    }

    @Test
    void shellQuoting() {
        assertThat(Sandbox.shellQuote("/usr/bin/bwrap")).isEqualTo("/usr/bin/bwrap");
        assertThat(Sandbox.shellQuote("/a b/it's")).isEqualTo("'/a b/it'\\''s'");
    }

    @Test
    void offIsOffAndModesParse() {
        assertThat(Sandbox.choose(Sandbox.Mode.OFF).on()).isFalse();
        assertThat(Sandbox.choose(Sandbox.Mode.OFF).description()).isEqualTo("unsandboxed (--sandbox=off)");
        assertThat(Sandbox.Mode.parse(" Required ")).isEqualTo(Sandbox.Mode.REQUIRED);
    }

    /** Where bwrap works (Linux with bubblewrap), the launcher really confines what it starts. */
    @Test
    void whatTheLauncherStartsCanWriteOnlyItsScratchFolderAndTheEmptyTestList(@TempDir Path dir) throws Exception {
        Sandbox.Choice choice = Sandbox.choose(Sandbox.Mode.AUTO);
        assumeTrue(choice.on(), "no sandbox here: " + choice.description());
        // A stand-in for java: a script that tries to write, and reports what worked.
        Path fakeHome = dir.resolve("jdk");
        Files.createDirectories(fakeHome.resolve("bin"));
        Path outside = dir.resolve("outside.txt");
        Path surefire = dir.resolve("module/target/surefire");
        Files.createDirectories(surefire);
        Path booter = surefire.resolve("surefirebooter-1.jar");
        Files.writeString(booter, "");
        Path list = surefire.resolve("surefire-discovered-tests1.txt");
        Files.writeString(list, "");
        Path filled = surefire.resolve("surefire-discovered-tests2.txt");
        Files.writeString(filled, "already listed\n");
        Path fakeJava = fakeHome.resolve("bin/java");
        Files.writeString(fakeJava, """
                #!/bin/sh
                for a in "$@"; do case "$a" in -Djava.io.tmpdir=*) tmp="${a#-Djava.io.tmpdir=}";; esac; done
                echo scratch > "$tmp/x" && echo "scratch ok"
                echo list > %s && echo "list ok"
                echo filled >> %s && echo "filled written"
                echo out > %s && echo "outside written"
                [ "$HOME" = "${tmp%%/tmp}/home" ] && echo "home ok"
                echo "pid $$"
                """.formatted(list, filled, outside));
        Files.setPosixFilePermissions(fakeJava, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path launcher = Sandbox.installLauncher(dir.resolve("launcher"), choice.bwrap(), fakeHome, dir.resolve("scratch"));
        Process p = new ProcessBuilder(launcher.toString(), "-Xmx64m", "-jar", booter.toString(), surefire.toString())
                .directory(dir.toFile()).redirectErrorStream(true).start();
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        String said = new String(p.getInputStream().readAllBytes());
        assertThat(said).contains("scratch ok", "list ok", "home ok").doesNotContain("filled written", "outside written");
        assertThat(said).containsPattern("pid [0-9]\\b"); // its own PID namespace: a small pid
        assertThat(outside).doesNotExist();
        assertThat(Files.readString(filled)).isEqualTo("already listed\n");
        assertThat(Files.readString(list)).isEqualTo("list\n");
    }

    @Test
    void aMarkedProcessThatLeftItsTreeIsStillKilled() throws Exception {
        assumeTrue(Files.isDirectory(Path.of("/proc")) && Files.isExecutable(Path.of("/usr/bin/setsid")));
        String token = java.util.UUID.randomUUID().toString();
        ProcessBuilder pb = new ProcessBuilder("sh", "-c", "setsid sleep 120 > /dev/null 2>&1 < /dev/null & exit 0");
        pb.environment().putAll(Map.of(ProcessTree.MARKER, token));
        Process p = pb.start();
        p.waitFor(10, TimeUnit.SECONDS);
        List<ProcessHandle> orphans = List.of();
        for (int i = 0; i < 50 && orphans.isEmpty(); i++) {
            orphans = ProcessTree.marked(token);
            Thread.sleep(100);
        }
        assertThat(orphans).as("the detached sleep, found by its marker").hasSize(1);
        assertThat(p.toHandle().descendants().toList()).as("it is no longer a descendant").isEmpty();
        assertThat(ProcessTree.killAll(null, token)).isEqualTo(1);
        orphans.getFirst().onExit().get(10, TimeUnit.SECONDS);
        assertThat(ProcessTree.marked(token)).isEmpty();
    }
}
