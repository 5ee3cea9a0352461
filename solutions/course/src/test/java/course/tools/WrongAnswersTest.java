package course.tools;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class WrongAnswersTest {

    private static final WrongAnswers.Variant V = new WrongAnswers.Variant("module-01-threads", "Ex03_BoundedPool", Path.of("x.java"), "x", "never closed");

    private static TestJvm.Result result(String name, TestResults.Status status, String type, String message) {
        return new TestJvm.Result("course.threads.Ex03_BoundedPoolTest", name, status, type, message);
    }

    @Test
    void aRaceCaughtByChanceRunsAtTheLearnersTiersEveryOtherC1Only() {
        var raced = new WrongAnswers.Variant("module-04-pitfalls", "Ex08_DataRace", Path.of("x.java"), "x", "a HashMap");
        assertThat(WrongAnswers.jvmFlags(raced)).isEmpty();
        assertThat(WrongAnswers.jvmFlags(V)).contains("-XX:TieredStopAtLevel=1");
    }

    @Test
    void caughtByTheFirstTeachingFailure() {
        var verdict = WrongAnswers.verdict(V, new TestJvm.Outcome(List.of(
                result("a", TestResults.Status.PASSED, "", ""),
                result("b", TestResults.Status.FAILED, "java.util.concurrent.TimeoutException", "b() timed out after 10 seconds"),
                result("c", TestResults.Status.FAILED, "java.lang.AssertionError", "[Ex03: after runAll returns, no pool thread should be alive]")),
                false, "", Path.of("log")), 1.0);
        assertThat(verdict.caught()).isTrue();
        assertThat(verdict.detail()).startsWith("c: [Ex03: after runAll");
    }

    @Test
    void theVerdictSaysWhenTheFirstLineDoesNotNameTheCatchingTest() {
        var outcome = new TestJvm.Outcome(List.of(
                result("retries(int)[2]", TestResults.Status.FAILED, "java.lang.AssertionError", "[Ex03: the third try never came]")),
                false, "", Path.of("log"));
        WrongAnswers.Variant named = new WrongAnswers.Variant(V.module(), V.exercise(), V.file(), V.slug(), V.mistake(), "retries", null);
        WrongAnswers.Variant stale = new WrongAnswers.Variant(V.module(), V.exercise(), V.file(), V.slug(), V.mistake(), "closesThePool", null);

        assertThat(WrongAnswers.verdict(named, outcome, 1.0).detail()).isEqualTo("retries(int)[2]: [Ex03: the third try never came]");
        assertThat(WrongAnswers.verdict(stale, outcome, 1.0).detail())
                .endsWith("(its first line names closesThePool: make it `(caught by retries)`)");
        assertThat(WrongAnswers.verdict(V, outcome, 1.0).detail())
                .endsWith("(end its first line with `(caught by retries)`: its runs start with that test)");
    }

    @Test
    void notCaughtWhenEveryTestPassesOrOnlyUnteachingFailuresHappen() {
        var passes = WrongAnswers.verdict(V, new TestJvm.Outcome(List.of(result("a", TestResults.Status.PASSED, "", "")), false, "", Path.of("log")), 1.0);
        assertThat(passes.caught()).isFalse();
        assertThat(passes.detail()).isEqualTo("passes every test of Ex03_BoundedPool (1 passed)");

        var timeouts = WrongAnswers.verdict(V, new TestJvm.Outcome(List.of(
                result("b", TestResults.Status.FAILED, "java.util.concurrent.TimeoutException", "b() timed out after 10 seconds"),
                result("c", TestResults.Status.FAILED, "java.lang.NullPointerException", "Ex03 ...")), false, "", Path.of("log")), 1.0);
        assertThat(timeouts.caught()).isFalse();
        assertThat(timeouts.detail()).contains("b failed with only a bare TimeoutException", "c failed with only a bare NullPointerException");

        var died = WrongAnswers.verdict(V, TestJvm.parse(List.of("C\tcourse.threads.Ex03_BoundedPoolTest"),
                List.of("course.threads.Ex03_BoundedPoolTest"), "", "3", Path.of("log")), 1.0);
        assertThat(died.caught()).isFalse();
        assertThat(died.detail()).contains("exit status 3");
    }

    @Test
    void theCorpusIsReadByExerciseAndItsFormIsChecked(@TempDir Path root) throws Exception {
        Files.createDirectories(root.resolve("module-01-threads/src/test/java/course/threads"));
        Files.writeString(root.resolve("module-01-threads/pom.xml"), "<project/>");
        Files.writeString(root.resolve("module-01-threads/src/test/java/course/threads/Ex03_BoundedPoolTest.java"), "");
        Files.writeString(root.resolve("module-01-threads/manifest.txt"), "course.threads.Ex03_BoundedPool  10  hints/Ex03_BoundedPool.md  2  values\n");
        Path corpus = root.resolve("solutions/wrong/module-01-threads");
        Files.createDirectories(corpus.resolve("Ex03_BoundedPool"));
        Files.createDirectories(corpus.resolve("Ex99_Nothing"));
        Files.writeString(corpus.resolve("Ex03_BoundedPool/pool-never-closed.diff"),
                "# Wrong: never closes the pool (caught by closesThePool)\n@@ -1,1 +1,1 @@\n-a\n+b\n");
        Files.writeString(corpus.resolve("Ex03_BoundedPool/bad-caught-by.diff"), "# Wrong: x (caught by closes the pool)\n@@ -1,1 +1,1 @@\n");
        Files.writeString(corpus.resolve("Ex03_BoundedPool/no-comment.diff"), "@@ -1,1 +1,1 @@\n-a\n+b\n");
        Files.writeString(corpus.resolve("Ex03_BoundedPool/old-form.java"), "// Wrong: x\n");
        Files.writeString(corpus.resolve("Ex99_Nothing/x.diff"), "# Wrong: x\n");
        Files.writeString(corpus.resolve("stray.diff"), "# Wrong: x\n");
        Files.writeString(corpus.resolve("README.md"), "about the corpus");

        List<WrongAnswers.Verdict> errors = new ArrayList<>();
        List<WrongAnswers.Variant> variants = new WrongAnswers(root).corpus("module-01-threads", errors);

        assertThat(variants).singleElement().satisfies(v -> {
            assertThat(v.exercise()).isEqualTo("Ex03_BoundedPool");
            assertThat(v.slug()).isEqualTo("pool-never-closed");
            assertThat(v.mistake()).isEqualTo("never closes the pool");
            assertThat(v.caughtBy()).isEqualTo("closesThePool");
            assertThat(v.reference()).isEqualTo(root.resolve("solutions/module-01-threads/src/main/java/course/threads/Ex03_BoundedPool.java"));
        });
        assertThat(errors).extracting(WrongAnswers.Verdict::detail).containsExactlyInAnyOrder(
                "its first line must say the mistake: # Wrong: <the mistake, in one line> (caught by <test method>)",
                "its first line names no test method: (caught by <method name, e.g. closesThePool>)",
                "no exercise Ex99_Nothing in module-01-threads/manifest.txt",
                "not where a wrong answer goes: solutions/wrong/module-01-threads/<ExNN_Name>/<slug>.diff",
                "not where a wrong answer goes: solutions/wrong/module-01-threads/<ExNN_Name>/<slug>.diff");
        assertThat(errors).allMatch(WrongAnswers.Verdict::corpusError);
        assertThat(new WrongAnswers(root).thinExercises("module-01-threads", variants)).containsExactly("Ex03 (1 of 2)");
    }

    @Test
    void aDiffIsPlacedByItsLinesAndRefusedWhenTheyAreGone(@TempDir Path dir) throws Exception {
        Path ref = Files.writeString(dir.resolve("Ref.java"), "class Ref {\n    int a = 1;\n    int b = 2;\n    int a = 1;\n}\n");
        // Both "int a = 1;" lines match; the hunk's line number (4) picks the nearer one.
        Path diff = Files.writeString(dir.resolve("d.diff"), "# Wrong: x\n@@ -4,1 +4,1 @@\n-    int a = 1;\n+    int a = 9;\n@@ -5,1 +5,2 @@\n }\n+// after\n");
        assertThat(Patch.apply(ref, diff, dir.resolve("out/Ref.java"))).content()
                .isEqualTo("class Ref {\n    int a = 1;\n    int b = 2;\n    int a = 9;\n}\n// after\n");

        Path stale = Files.writeString(dir.resolve("stale.diff"), "# Wrong: x\n@@ -3,1 +3,1 @@\n-    int c = 3;\n+    int c = 4;\n");
        assertThatThrownBy(() -> Patch.apply(ref, stale, dir.resolve("out/Ref.java"))).isInstanceOf(ToolException.class)
                .hasMessage("stale.diff no longer applies to Ref.java: hunk 1 (@@ -3,1 +3,1 @@) expects lines the reference does not have,"
                        + " from `int c = 3;`; write the mistake again on the current reference");
    }
}
