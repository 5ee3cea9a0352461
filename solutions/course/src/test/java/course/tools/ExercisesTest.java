package course.tools;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ExercisesTest {

    @TempDir
    Path root;

    @BeforeEach
    void aSmallCourse() throws Exception {
        module("module-01-threads", "course/threads", "Ex01_StartAndJoin", "Ex02_SplitAcrossCores", "Ex03_BoundedPool");
        module("module-02-async", "course/async", "Ex01_FuturesAndPromises", "Ex03_AllVersusJoin", "Ex12_VirtualThreadFanOut");
        Files.writeString(root.resolve("module-01-threads/src/test/java/course/threads/support/Rendezvous.java"), "");
    }

    private void module(String name, String pkg, String... exercises) throws Exception {
        Files.createDirectories(root.resolve(name).resolve("src/test/java").resolve(pkg).resolve("support"));
        Files.writeString(root.resolve(name).resolve("pom.xml"), "<project/>");
        for (String e : exercises) {
            Files.writeString(root.resolve(name).resolve("src/test/java").resolve(pkg).resolve(e + "Test.java"), "");
            FakeCourse.listInManifest(root.resolve(name), pkg.replace('/', '.') + "." + e);
        }
    }

    @Test
    void exercisesComeFromTheManifestInOrder() throws Exception {
        assertThat(Exercises.of(root, "module-01-threads")).extracting(Exercises.Exercise::name)
                .containsExactly("Ex01_StartAndJoin", "Ex02_SplitAcrossCores", "Ex03_BoundedPool");
        assertThat(Exercises.of(root, "module-02-async").getLast().testClass()).isEqualTo("course.async.Ex12_VirtualThreadFanOutTest");
    }

    @Test
    void modulesAloneNarrowToModules() throws Exception {
        assertThat(select(List.of()).modules()).containsExactly("module-01-threads", "module-02-async");
        assertThat(select(List.of("module-02")).modules()).containsExactly("module-02-async");
        assertThat(select(List.of("02")).modules()).containsExactly("module-02-async");
        assertThat(Exercises.select(root, List.of(), "module-02-async", null).modules()).containsExactly("module-02-async");
        assertThat(select(List.of("module-02")).exercise()).isNull();
    }

    @Test
    void anExerciseInOneModuleIsFoundByIdOrName() throws Exception {
        Exercises.Selection s = select(List.of("Ex02"));
        assertThat(s.modules()).containsExactly("module-01-threads");
        assertThat(s.exercise().name()).isEqualTo("Ex02_SplitAcrossCores");
        assertThat(s.exercise().testClass()).isEqualTo("course.threads.Ex02_SplitAcrossCoresTest");
        assertThat(select(List.of("ex12")).exercise().name()).isEqualTo("Ex12_VirtualThreadFanOut");
        assertThat(select(List.of("Ex03_BoundedPool")).exercise().module()).isEqualTo("module-01-threads");
        assertThat(select(List.of("module-02", "Ex03")).exercise().module()).isEqualTo("module-02-async");
        assertThat(select(List.of("module-02 Ex03")).exercise().module()).isEqualTo("module-02-async");
        assertThat(select(List.of("01/Ex03")).exercise().module()).isEqualTo("module-01-threads");
    }

    @Test
    void anExerciseInSeveralModulesNeedsItsModuleOrWhereTheLearnerIs() throws Exception {
        assertThat(Exercises.select(root, List.of("Ex03"), "", "module-02-async").exercise().module()).isEqualTo("module-02-async");
        assertThat(Exercises.select(root, List.of("Ex03"), "module-01-threads", "module-02-async").exercise().module())
                .as("-Dcourse.modules names the module").isEqualTo("module-01-threads");
        assertThatThrownBy(() -> select(List.of("Ex01"))).isInstanceOf(ToolException.class)
                .hasMessageContaining("Ex01 is in 2 modules (module-01-threads, module-02-async): say which, e.g. module-01 Ex01");
    }

    @Test
    void whatCannotBeFoundIsSaidInOneLine() {
        assertThatThrownBy(() -> select(List.of("Ex07"))).isInstanceOf(ToolException.class).hasMessageContaining("no exercise Ex07");
        assertThatThrownBy(() -> select(List.of("Ex01", "Ex02"))).isInstanceOf(ToolException.class).hasMessageContaining("one exercise at a time");
        assertThatThrownBy(() -> select(List.of("module-09"))).isInstanceOf(ToolException.class).hasMessageContaining("no such module");
    }

    @Test
    void whereTheLearnerIsIsRecordedForTheNextCommand() throws Exception {
        Exercises.recordCurrent(root, Exercises.of(root, "module-02-async").get(1));
        assertThat(Exercises.workingModule(root)).contains("module-02-async");
        assertThat(Files.readString(root.resolve("target/course/current"))).isEqualTo("module-02-async Ex03_AllVersusJoin\n");
    }

    private Exercises.Selection select(List<String> args) throws Exception {
        return Exercises.select(root, args, "", null);
    }
}
