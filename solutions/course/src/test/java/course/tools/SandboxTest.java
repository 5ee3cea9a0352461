package course.tools;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class SandboxTest {

    private static Properties config(boolean root, Path etc) {
        Properties c = new Properties();
        c.setProperty("root", Boolean.toString(root));
        c.setProperty("java.home", System.getProperty("java.home"));
        c.setProperty("etc", etc.toString());
        c.setProperty("libs", "");
        c.setProperty("tools", "");
        c.setProperty("tmp.bytes", "1048576");
        return c;
    }

    /** The options name what is bound, one by one: no bind of /, no host /tmp, nothing writable but the empty test list. */
    @Test
    void theOptionsAreAnAllowList(@TempDir Path dir) throws Exception {
        Path module = Files.createDirectories(dir.resolve("run/course/module-01"));
        Path forkDir = Files.createDirectories(module.resolve("target/surefire"));
        Path empty = Files.writeString(forkDir.resolve("surefire-discovered-tests1.txt"), "");
        Files.writeString(forkDir.resolve("surefire-discovered-tests2.txt"), "listed\n");
        Path jar = Files.writeString(Files.createDirectories(dir.resolve("repo")).resolve("a.jar"), "jar");
        String cp = jar + ":" + module.resolve("target/classes") + ":" + dir.resolve("no-such.jar");
        Files.createDirectories(module.resolve("target/classes"));
        for (boolean root : List.of(false, true)) {
            List<String> o = SandboxArgs.options(config(root, dir), module, cp, List.of("-Xmx1g", SandboxArgs.BOOTER, forkDir.toString(), "x"), false);
            String all = String.join(" ", o);
            assertThat(all).contains("--clearenv", "--die-with-parent", "--new-session", "--cap-drop ALL", "--proc /proc", "--dev /dev",
                    "--perms 1777 --size 1048576 --tmpfs /tmp", "--ro-bind " + module + " " + module, "--ro-bind " + jar + " " + jar,
                    "--bind " + empty + " " + empty, "--setenv CLASSPATH " + cp, "--chdir " + module);
            assertThat(all).doesNotContain("--ro-bind / /", "--bind / ", "surefire-discovered-tests2", "--ro-bind " + dir.resolve("no-such.jar"), "--share-net",
                    "--ro-bind " + module.resolve("target/classes"));
            assertThat(o.indexOf("--bind")).isGreaterThan(o.indexOf(module.toString()));
            if (root) {
                assertThat(all).contains("--unshare-pid", "--unshare-net", "--unshare-ipc").doesNotContain("--unshare-user");
            } else {
                assertThat(all).contains("--unshare-all --unshare-user --disable-userns");
            }
        }
    }

    @Test
    void theLauncherScriptParsesAndRunsJavaUnderTheLimits(@TempDir Path dir) throws Exception {
        Sandbox.Choice c = new Sandbox.Choice(Path.of("/usr/bin/bwrap"), "test", true, List.of(Path.of("/usr/bin/setpriv"), Path.of("/usr/bin/prlimit")));
        String script = Sandbox.launcherScript(dir, c, Path.of("/opt/jdk 25/bin/java"), java.time.Duration.ofSeconds(600));
        assertThat(script).startsWith("#!/bin/sh\n").contains("course.tools.SandboxArgs")
                .contains("exec env -i /usr/bin/bwrap --args 3 -- /usr/bin/setpriv --reuid=65534 --regid=65534 --clear-groups --inh-caps=-all"
                        + " --bounding-set=-all --no-new-privs -- /usr/bin/prlimit --nproc=1024")
                .contains("--cpu=600 --core=0 -- '/opt/jdk 25/bin/java' -XX:-UsePerfData -Djava.io.tmpdir=/tmp -Duser.home=/tmp \"$@\"");
        Path f = dir.resolve("launcher.sh");
        Files.writeString(f, script);
        Process p = new ProcessBuilder("sh", "-n", f.toString()).redirectErrorStream(true).start();
        assertThat(p.waitFor(10, TimeUnit.SECONDS)).isTrue();
        assertThat(new String(p.getInputStream().readAllBytes())).isEmpty();
        assertThat(p.exitValue()).isZero();
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

    /**
     * Where bwrap works, what the launcher starts sees only its own folder: no file beside it, no
     * variable of the caller's environment, no capability, no write into its folder; /tmp is its own.
     */
    @Test
    void whatTheLauncherStartsSeesOnlyItsOwnFolderAndHoldsNoPrivilege(@TempDir Path dir) throws Exception {
        Sandbox.Choice choice = Sandbox.choose(Sandbox.Mode.AUTO);
        assumeTrue(choice.on(), "no sandbox here: " + choice.description());
        Path own = Files.createDirectories(dir.resolve("own"));
        Path beside = Files.writeString(dir.resolve("beside.txt"), "secret beside");
        Files.writeString(own.resolve("Probe.java"), """
                public class Probe {
                    public static void main(String[] a) throws Exception {
                        for (String l : java.nio.file.Files.readAllLines(java.nio.file.Path.of("/proc/self/status")))
                            if (l.startsWith("CapEff") || l.startsWith("Uid")) System.out.println(l);
                        System.out.println("env " + System.getenv().containsKey("COURSE_SANDBOX_TEST"));
                        for (long pid = 1; pid < 8; pid++) {
                            try {
                                if (new String(java.nio.file.Files.readAllBytes(java.nio.file.Path.of("/proc/" + pid + "/environ"))).contains("COURSE_SANDBOX_TEST"))
                                    System.out.println("environ of pid " + pid + " holds it");
                            } catch (Exception e) { }
                        }
                        System.out.println("beside " + java.nio.file.Files.exists(java.nio.file.Path.of("%s")));
                        try { java.nio.file.Files.writeString(java.nio.file.Path.of("written"), "x"); System.out.println("wrote own folder"); }
                        catch (Exception e) { System.out.println("own folder read-only"); }
                        java.nio.file.Files.writeString(java.nio.file.Path.of("/tmp/x"), "x");
                        System.out.println("tmp ok " + ProcessHandle.current().pid());
                    }
                }
                """.formatted(beside));
        Path launcher = Sandbox.installLauncher(dir.resolve("launcher"), choice, Path.of(System.getProperty("java.home")), java.time.Duration.ofSeconds(60));
        ProcessBuilder pb = new ProcessBuilder(launcher.toString(), "Probe.java").directory(own.toFile()).redirectErrorStream(true);
        pb.environment().put("COURSE_SANDBOX_TEST", "visible");
        Process p = pb.start();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        String said = new String(p.getInputStream().readAllBytes());
        assertThat(said).contains("CapEff:\t0000000000000000", "env false", "beside false", "own folder read-only").containsPattern("tmp ok [0-9]\\b");
        assertThat(said).doesNotContainPattern("Uid:\\s+0\\s").doesNotContain("holds it");
        assertThat(own.resolve("written")).doesNotExist();
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
