package course.tools;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A course command typed in a module folder ({@code cd module-04-pitfalls && ../mvnw -q -Dcourse=...})
 * runs the tool, as at the root: the root pom's course-from-a-module-folder profile. Before it, the
 * tool's execution was the root's alone, and such a command printed nothing and exited 0.
 */
class ModuleFolderTest {

    private static final Path ROOT = Path.of("../..").toAbsolutePath().normalize();

    @Test
    @Timeout(value = 5, unit = TimeUnit.MINUTES)
    void aCourseCommandFromAModuleFolderRunsTheTool() throws Exception {
        String module = Course.modules(ROOT, List.of()).getFirst();
        boolean windows = System.getProperty("os.name").toLowerCase().startsWith("windows");
        Path wrapper = ROOT.resolve(windows ? "mvnw.cmd" : "mvnw");
        // An unknown command: the tool's one line, its next: line and a failure, from the module folder as from the root.
        Process p = new ProcessBuilder(wrapper.toString(), "-q", "-Dcourse=no-such-command")
                .directory(ROOT.resolve(module).toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(4, TimeUnit.MINUTES)).isTrue();
        assertThat(out).as("from " + module + ": the tool ran").contains("course: unknown command no-such-command").contains("\nnext: ./mvnw -q -Dcourse=");
        assertThat(p.exitValue()).as("and its failure reached the shell").isNotZero();
    }

    @Test
    void theProfileLooksForTheCourseWhereAModuleFolderHasIt() throws Exception {
        String pom = Files.readString(ROOT.resolve("pom.xml"));
        assertThat(pom).contains("<id>course-from-a-module-folder</id>").contains("<exists>${user.dir}/../.course/Launch.java</exists>");
        assertThat(ROOT.resolve(Course.modules(ROOT, List.of()).getFirst()).resolve("../.course/Launch.java")).exists();
    }
}
