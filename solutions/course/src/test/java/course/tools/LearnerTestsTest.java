package course.tools;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class LearnerTestsTest {

    @TempDir
    Path root;
    private LearnerTests tests;
    private Exercises.Exercise ex01, ex02;

    @BeforeEach
    void aModule() throws Exception {
        Path m = root.resolve("module-01-threads");
        write(root.resolve("pom.xml"), "<project/>");
        write(m.resolve("pom.xml"), "<project/>");
        write(m.resolve("src/main/java/p/Ex01_Start.java"), "class Ex01_Start {}");
        write(m.resolve("src/main/java/p/Ex02_Split.java"), "class Ex02_Split {}");
        write(m.resolve("src/main/java/p/Shared.java"), "class Shared {}");
        write(m.resolve("src/test/java/p/Ex01_StartTest.java"), "class Ex01_StartTest {}");
        write(m.resolve("src/test/java/p/Ex02_SplitTest.java"), "class Ex02_SplitTest {}");
        write(m.resolve("src/test/java/p/support/Rendezvous.java"), "class Rendezvous {}");
        write(m.resolve("src/test/resources/junit-platform.properties"), "junit.jupiter.execution.timeout.default = 10 s");
        ModuleSetup setup = new ModuleSetup("module-01-threads", m, m.resolve("src/main/java"), List.of(), List.of(m.resolve("src/test/java")),
                List.of(m.resolve("src/main/resources")), List.of(m.resolve("src/test/resources")), List.of(), List.of(), List.of(),
                "25", List.of(), List.of("-ea"), Map.of(), Map.of(), m, List.of());
        tests = new LearnerTests(root, setup);
        ex01 = new Exercises.Exercise("module-01-threads", "Ex01_Start", "p.Ex01_StartTest");
        ex02 = new Exercises.Exercise("module-01-threads", "Ex02_Split", "p.Ex02_SplitTest");
    }

    private static void write(Path p, String s) throws Exception {
        Files.createDirectories(p.getParent());
        Files.writeString(p, s);
    }

    @Test
    void anExerciseKeyFollowsItsOwnFilesAndTheSharedOnesOnly() throws Exception {
        String one = tests.key(ex01), two = tests.key(ex02);
        write(root.resolve("module-01-threads/src/main/java/p/Ex02_Split.java"), "class Ex02_Split { int solved; }");
        assertThat(tests.key(ex01)).as("another exercise's file").isEqualTo(one);
        assertThat(tests.key(ex02)).isNotEqualTo(two);

        write(root.resolve("module-01-threads/src/test/java/p/Ex01_StartTest.java"), "class Ex01_StartTest { /* stronger */ }");
        assertThat(tests.key(ex01)).as("its test").isNotEqualTo(one);
        one = tests.key(ex01);
        two = tests.key(ex02);

        write(root.resolve("module-01-threads/src/main/java/p/Shared.java"), "class Shared { int x; }");
        assertThat(tests.key(ex01)).as("a shared main file").isNotEqualTo(one);
        assertThat(tests.key(ex02)).isNotEqualTo(two);
        one = tests.key(ex01);

        write(root.resolve("module-01-threads/src/test/java/p/support/Rendezvous.java"), "class Rendezvous { int y; }");
        assertThat(tests.key(ex01)).as("test support").isNotEqualTo(one);
        one = tests.key(ex01);

        write(root.resolve("module-01-threads/src/test/resources/junit-platform.properties"), "junit.jupiter.execution.timeout.default = 20 s");
        assertThat(tests.key(ex01)).as("test resources").isNotEqualTo(one);
        one = tests.key(ex01);

        write(root.resolve("module-01-threads/pom.xml"), "<project>changed</project>");
        assertThat(tests.key(ex01)).as("the pom").isNotEqualTo(one);
    }

    @Test
    void anExerciseThatNamesAnotherDependsOnIt() throws Exception {
        write(root.resolve("module-01-threads/src/main/java/p/Ex02_Split.java"), "class Ex02_Split { Object o = Ex01_Start.class; }");
        String two = tests.key(ex02);
        write(root.resolve("module-01-threads/src/main/java/p/Ex01_Start.java"), "class Ex01_Start { int solved; }");
        assertThat(tests.key(ex02)).isNotEqualTo(two);
        assertThat(LearnerTests.namedExercises("uses Ex01_Start and Ex03_PoolTest, not Ex4_X")).containsExactly("Ex01_Start", "Ex03_Pool");
    }

    @Test
    void theResultsCacheReadsBackWhatWasWritten() throws Exception {
        assertThat(tests.readCache()).isEmpty();
        Files.createDirectories(root.resolve("module-01-threads/target/course"));
        Files.writeString(root.resolve("module-01-threads/target/course/progress.tsv"),
                "X\tEx01_Start\tk1\nT\tp.Ex01_StartTest\ta\tPASSED\t\t\nT\tp.Ex01_StartTest\tb\tFAILED\tjava.lang.AssertionError\tEx01: no\\tway\nX\tEx02_Split\tk2\n");
        var cache = tests.readCache();
        assertThat(cache.get("Ex01_Start").key()).isEqualTo("k1");
        assertThat(cache.get("Ex01_Start").results()).hasSize(2);
        assertThat(cache.get("Ex01_Start").results().get(1).message()).isEqualTo("Ex01: no\tway");
        assertThat(cache.get("Ex02_Split").results()).isEmpty();
        assertThat(tests.cached(ex01)).as("a key that is not the current one").isNull();
    }
}
