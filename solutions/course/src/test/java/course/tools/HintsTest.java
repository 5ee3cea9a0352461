package course.tools;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class HintsTest {

    @Test
    void levelsAreTheNumberedSections() {
        String md = "# Ex03 · A pool\n\n## 1\nThink.\n\n## 2\nUse `X`.\nReally.\n\n## 3\n```java\ncode();\n```\n";
        assertThat(Hints.levels(md)).containsExactly("Think.", "Use `X`.\nReally.", "```java\ncode();\n```");
    }

    @Test
    void textBeforeTheFirstLevelIsNotAHint() {
        assertThat(Hints.levels("# title\nintro\n## 1\nonly\n")).containsExactly("only");
    }

    @Test
    void exercisesResolveByIdFullNameModuleOrCurrentModule(@TempDir Path root) throws Exception {
        test(root, "module-01-threads", "Ex03_BoundedPool");
        test(root, "module-02-async", "Ex03_AllVersusJoin");
        test(root, "module-02-async", "Ex12_VirtualThreadFanOut");

        assertThat(Exercises.resolve(root, List.of("Ex12"), null)).hasToString("module-02-async · Ex12_VirtualThreadFanOut");
        assertThat(Exercises.resolve(root, List.of("ex03_boundedpool"), null).module()).isEqualTo("module-01-threads");
        assertThat(Exercises.resolve(root, List.of("module-02", "Ex03"), null).name()).isEqualTo("Ex03_AllVersusJoin");
        assertThat(Exercises.resolve(root, List.of("01/Ex03"), null).name()).isEqualTo("Ex03_BoundedPool");
        assertThat(Exercises.resolve(root, List.of("Ex03"), "module-02-async").name()).isEqualTo("Ex03_AllVersusJoin");
        assertThatThrownBy(() -> Exercises.resolve(root, List.of("Ex03"), null))
            .isInstanceOf(ToolException.class).hasMessageContaining("is in 2 modules");
        assertThatThrownBy(() -> Exercises.resolve(root, List.of("Ex09"), null)).hasMessageContaining("no exercise Ex09");
        assertThatThrownBy(() -> Exercises.resolve(root, List.of("module-07", "Ex01"), null)).hasMessageContaining("no such module");
    }

    private static void test(Path root, String module, String exercise) throws Exception {
        Files.createDirectories(root.resolve(module).resolve("src/test/java/x"));
        Files.writeString(root.resolve(module).resolve("pom.xml"), "<project/>");
        Files.writeString(root.resolve(module).resolve("src/test/java/x").resolve(exercise + "Test.java"), "");
        FakeCourse.listInManifest(root.resolve(module), "x." + exercise);
    }
}
