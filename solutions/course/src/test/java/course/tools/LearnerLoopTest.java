package course.tools;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The learner's loop: where Next points, which module a bare ExNN means, and which
 * failure is shown first. A course of three modules of three exercises each, every exercise with a
 * source and a test; verdicts are written as the results cache that earlier runs leave.
 */
class LearnerLoopTest {

    @TempDir
    Path root;

    private static final List<String> MODULES = List.of("module-03-mixed", "module-04-pitfalls", "module-05-benchmarks");

    @BeforeEach
    void aCourse() throws Exception {
        write(root.resolve("mvnw"), "");
        write(root.resolve("pom.xml"), "<project/>");
        Files.createDirectories(root.resolve("solutions"));
        for (String m : MODULES) {
            write(root.resolve(m).resolve("pom.xml"), "<project/>");
            for (int i = 1; i <= 3; i++) {
                String name = "Ex0" + i + "_Thing";
                write(root.resolve(m).resolve("src/main/java/p/" + name + ".java"),
                        "public class " + name + " {\n    // TODO: make it\n    public int make() { throw new UnsupportedOperationException(\"not implemented\"); }\n}\n");
                write(root.resolve(m).resolve("src/test/java/p/" + name + "Test.java"), "class " + name + "Test {}");
                FakeCourse.listInManifest(root.resolve(m), "p." + name);
            }
        }
        // Every file saved long ago: the clone, before any command ran.
        for (String m : MODULES) for (int i = 1; i <= 3; i++) age(root.resolve(m).resolve("src/main/java/p/Ex0" + i + "_Thing.java"), 3600);
    }

    @Test
    void nextStaysInTheModuleBeingWorkedInWhileItHasARedExercise() throws Exception {
        // module-03: Ex03 just turned green, Ex01 and Ex02 are still red; module-04 is untouched.
        remember("module-03-mixed", Map.of("Ex01_Thing", false, "Ex02_Thing", false, "Ex03_Thing", true));
        String next = progress().next(List.of(), "module-03-mixed");
        assertThat(next).startsWith("Next: module-03-mixed · Ex01_Thing").doesNotContain("module-04");
    }

    @Test
    void nextIsNeverAGreenExercise() throws Exception {
        remember("module-04-pitfalls", Map.of("Ex01_Thing", true, "Ex02_Thing", true, "Ex03_Thing", false));
        assertThat(progress().next(List.of(), "module-04-pitfalls")).startsWith("Next: module-04-pitfalls · Ex03_Thing");
        // and the exercise after the one just solved, when green already, is skipped too
        remember("module-04-pitfalls", Map.of("Ex01_Thing", false, "Ex02_Thing", true, "Ex03_Thing", true));
        assertThat(progress().next(List.of(), "module-04-pitfalls")).startsWith("Next: module-04-pitfalls · Ex01_Thing");
    }

    @Test
    void aModuleAllGreenSendsToTheFirstRedExerciseAnywhere() throws Exception {
        // progress module-05 Ex07 when none is left in module-05: not "the last exercise of module-05".
        remember("module-05-benchmarks", Map.of("Ex01_Thing", true, "Ex02_Thing", true, "Ex03_Thing", true));
        remember("module-03-mixed", Map.of("Ex01_Thing", true, "Ex02_Thing", false, "Ex03_Thing", true));
        String next = progress().next(List.of(), "module-05-benchmarks");
        assertThat(next).startsWith("Next: module-03-mixed · Ex02_Thing").doesNotContain("Well done").doesNotContain("last exercise");
    }

    @Test
    void wellDoneOnlyWhenEveryExerciseIsGreenAndThoseNotRunCountAsRed() throws Exception {
        for (String m : MODULES) remember(m, Map.of("Ex01_Thing", true, "Ex02_Thing", true, "Ex03_Thing", true));
        assertThat(progress().next(List.of(), "module-05-benchmarks")).contains("All 9 exercises of the course are green. Well done!");

        // module-04 never run (no verdicts remembered): red, so no "well done".
        Files.delete(root.resolve("module-04-pitfalls/target/course/progress.tsv"));
        String next = progress().next(List.of(), "module-05-benchmarks");
        assertThat(next).doesNotContain("Well done").startsWith("Next: module-04-pitfalls · Ex01_Thing").contains("3 of 9 exercises not green yet");
    }

    @Test
    void thisRunsVerdictsCountBeforeWhatWasRemembered() throws Exception {
        remember("module-03-mixed", Map.of("Ex01_Thing", false, "Ex02_Thing", true, "Ex03_Thing", true));
        LearnerTests.State ran = state("module-03-mixed", Map.of("Ex01_Thing", true));
        assertThat(progress().next(List.of(ran), "module-03-mixed")).startsWith("Next: module-04-pitfalls · Ex01_Thing");
    }

    @Test
    void aModuleThatDoesNotCompileIsNextAndItsFileIsNamed() throws Exception {
        Path file = root.resolve("module-04-pitfalls/src/main/java/p/Ex02_Thing.java");
        LearnerTests.State broken = new LearnerTests.State("module-04-pitfalls", Exercises.of(root, "module-04-pitfalls"), Map.of(),
                List.of(new Javac.Problem(file, 3, "cannot find symbol", List.of("cannot find symbol", "symbol:   variable x", "location: class Ex02_Thing")),
                        new Javac.Problem(file, 4, "';' expected")), false, Set.of(), "");
        String next = progress().next(List.of(state("module-03-mixed", Map.of("Ex01_Thing", false)), broken), "module-03-mixed");
        assertThat(next).startsWith("Next: make Ex02_Thing.java compile again")
                .contains("open:  module-04-pitfalls/src/main/java/p/Ex02_Thing.java:3".replace('/', java.io.File.separatorChar))
                .contains("symbol:   variable x").contains("location: class Ex02_Thing").contains("and 1 more error");
    }

    @Test
    void firstRedTakesTheWorkingModuleFirstThenCourseOrder() throws Exception {
        List<Exercises.Exercise> all = Exercises.all(root);
        Set<String> green = Set.of("module-03-mixed/Ex01_Thing", "module-05-benchmarks/Ex01_Thing");
        var isGreen = (java.util.function.Predicate<Exercises.Exercise>) e -> green.contains(e.module() + "/" + e.name());
        assertThat(Progress.firstRed(all, isGreen, "module-05-benchmarks")).get().hasToString("module-05-benchmarks · Ex02_Thing");
        assertThat(Progress.firstRed(all, isGreen, null)).get().hasToString("module-03-mixed · Ex02_Thing");
        assertThat(Progress.firstRed(all, e -> true, "module-04-pitfalls")).isEmpty();
    }

    @Test
    void aBareExerciseIsOfTheModuleOfTheLastExerciseRun() throws Exception {
        Exercises.recordCurrent(root, new Exercises.Exercise("module-04-pitfalls", "Ex02_Thing", "p.Ex02_ThingTest"));
        assertThat(Exercises.resolve(root, List.of("Ex03"), Exercises.workingModule(root).orElse(null)).module()).isEqualTo("module-04-pitfalls");
    }

    @Test
    void aFileSavedAfterTheLastRunMovesTheLearnerToItsModule() throws Exception {
        Exercises.recordCurrent(root, new Exercises.Exercise("module-03-mixed", "Ex02_Thing", "p.Ex02_ThingTest"));
        age(root.resolve("target/course/current"), 60);
        Path saved = root.resolve("module-04-pitfalls/src/main/java/p/Ex01_Thing.java");
        Files.setLastModifiedTime(saved, FileTime.fromMillis(System.currentTimeMillis()));
        assertThat(Exercises.workingModule(root)).contains("module-04-pitfalls");
        assertThat(Exercises.resolve(root, List.of("Ex02"), Exercises.workingModule(root).orElse(null)).module()).isEqualTo("module-04-pitfalls");
    }

    @Test
    void withoutStateABareExerciseInSeveralModulesIsAskedAboutNotGuessed() throws Exception {
        assertThat(Exercises.workingModule(root)).isEmpty();
        assertThatThrownBy(() -> Exercises.resolve(root, List.of("Ex02"), null)).isInstanceOf(ToolException.class)
                .hasMessageContaining("Ex02 is in 3 modules").hasMessageContaining("say which");
    }

    @Test
    void hintOnAnAmbiguousNameSpendsNoLevelAndExitsTwo() throws Exception {
        for (String m : MODULES) write(root.resolve(m).resolve("hints/Ex02_Thing.md"), "## 1\nnudge\n## 2\napi\n");
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        String out = capture(() -> assertThat(Course.run(root, new String[] {"hint", "Ex02"}, System.out,
                new PrintStream(err, true, StandardCharsets.UTF_8))).isEqualTo(2));
        assertThat(out).isEmpty();
        assertThat(err.toString(StandardCharsets.UTF_8).lines()).hasSize(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).startsWith("hint: Ex02 is in 3 modules").contains("\nnext: ").contains("hint module-01 Ex03");
        assertThat(root.resolve("target/course/hints")).doesNotExist();

        Exercises.recordCurrent(root, new Exercises.Exercise("module-05-benchmarks", "Ex01_Thing", "p.Ex01_ThingTest"));
        out = capture(() -> assertThat(new Hints(root).run(List.of("Ex02"))).isEqualTo(0));
        assertThat(out).startsWith("module-05-benchmarks · Ex02_Thing · hint 1 of 2").contains("the module you work in");
        assertThat(root.resolve("target/course/hints/module-04-pitfalls")).doesNotExist();
    }

    @Test
    void aHangComesBeforeNotImplementedAndATodoMethodsTestBeforeTheOthers() throws Exception {
        Path src = root.resolve("module-04-pitfalls/src/main/java/p/Ex01_Thing.java");
        write(src, """
                public class Ex01_Thing {
                    private int n;

                    public int other() { return n; }

                    public void spin() {
                        // TODO: stop when asked
                        while (true) { }
                    }

                    // TODO: make() must count, see count()
                    public int make() { throw new UnsupportedOperationException("Ex01 not implemented yet"); }

                    public int count() { return 0; }
                }
                """);
        Path test = root.resolve("module-04-pitfalls/src/test/java/p/Ex01_ThingTest.java");
        write(test, """
                class Ex01_ThingTest {
                    @Test void othersWork() { assertThat(new Ex01_Thing().other()).isEqualTo(1); }
                    @Test void makes() { new Ex01_Thing().make(); }
                    @Test void alsoMakes() { new Ex01_Thing().make(); }
                    @Test void spinsUntilStopped() { new Ex01_Thing().spin(); }
                    @Test void passes() { }
                }
                """);
        assertThat(Failures.todoMethods(Files.readString(src))).contains("spin", "make", "count").doesNotContain("other");
        List<TestJvm.Result> results = List.of(
                result("othersWork()", "java.lang.AssertionError", "Ex01: expected 1 but was 0"),
                result("makes()", "java.lang.UnsupportedOperationException", "Ex01 not implemented yet"),
                result("alsoMakes()", "java.lang.AssertionError", "Ex01: make() returned 2 for 3 calls"),
                result("spinsUntilStopped()", "java.util.concurrent.TimeoutException", "spinsUntilStopped() timed out after 10 seconds"),
                new TestJvm.Result("p.Ex01_ThingTest", "passes()", TestResults.Status.PASSED, "", ""));
        assertThat(Failures.ordered(results, src, test)).extracting(TestJvm.Result::name)
                .containsExactly("spinsUntilStopped()", "alsoMakes()", "othersWork()", "makes()");

        String verdict = progress().verdict("module-04-pitfalls", "Ex01_Thing", results, "  ");
        assertThat(verdict.lines().toList()).startsWith("  test:  spinsUntilStopped() says");
        assertThat(verdict).contains("failing: 4 of 5 tests");
        for (String name : List.of("spinsUntilStopped()", "alsoMakes()", "othersWork()", "makes()")) {
            assertThat(verdict.lines().filter(l -> l.strip().startsWith(name + ": "))).as(name + " on a line of its own").hasSize(1);
        }
    }

    @Test
    void javacsWholeDiagnosticIsKept(@TempDir Path out) throws Exception {
        Path src = root.resolve("module-03-mixed/src/main/java/p/Broken.java");
        write(src, "public class Broken {\n    int x = missing + 1;\n    String y = 3;\n}\n");
        List<Javac.Problem> problems = Javac.compile(List.of(src), out, List.of(), List.of(), "25", List.of());
        assertThat(problems).hasSizeGreaterThanOrEqualTo(2);
        Javac.Problem first = problems.stream().filter(p -> p.line() == 2).findFirst().orElseThrow();
        assertThat(first.detail()).anyMatch(l -> l.contains("symbol:") && l.contains("missing"));
        assertThat(first.detail()).anyMatch(l -> l.contains("int x = missing + 1;"));
        assertThat(first.detail().getLast()).matches(" +\\^");
        String shown = progress().compileError(problems, "  ");
        assertThat(shown).contains("location: class Broken").contains("(and " + (problems.size() - 1) + " more error");
    }

    @Test
    void twoFilesSavedTogetherAreTwoExercisesToRun() throws Exception {
        Path a = root.resolve("module-03-mixed/src/main/java/p/Ex02_Thing.java");
        Path b = root.resolve("module-04-pitfalls/src/main/java/p/Ex01_Thing.java");
        Path shared = root.resolve("module-03-mixed/src/main/java/p/Shared.java");
        write(shared, "class Shared {}");
        var saved = new java.util.LinkedHashSet<>(List.of(a, shared, b, a));
        assertThat(new Watch(root).exercisesOf(saved)).extracting(Exercises.Exercise::toString)
                .containsExactly("module-03-mixed · Ex02_Thing", "module-04-pitfalls · Ex01_Thing");
    }

    private Progress progress() {
        return new Progress(root);
    }

    private static TestJvm.Result result(String name, String type, String message) {
        return new TestJvm.Result("p.Ex01_ThingTest", name, TestResults.Status.FAILED, type, message);
    }

    /** This run's verdicts for some exercises of a module (green when true). */
    private LearnerTests.State state(String module, Map<String, Boolean> green) throws Exception {
        Map<String, List<TestJvm.Result>> results = new LinkedHashMap<>();
        List<Exercises.Exercise> ran = new ArrayList<>();
        for (Exercises.Exercise e : Exercises.of(root, module)) {
            if (!green.containsKey(e.name())) continue;
            ran.add(e);
            results.put(e.name(), List.of(new TestJvm.Result(e.testClass(), "t()", green.get(e.name()) ? TestResults.Status.PASSED : TestResults.Status.FAILED, "", "no")));
        }
        return new LearnerTests.State(module, ran, results, List.of(), false, Set.of(), "");
    }

    /** What earlier runs left in the module's results cache (green when true). */
    private void remember(String module, Map<String, Boolean> green) throws Exception {
        StringBuilder b = new StringBuilder();
        for (var e : new java.util.TreeMap<>(green).entrySet()) {
            b.append("X\t").append(e.getKey()).append("\tkey\n");
            b.append("T\tp.").append(e.getKey()).append("Test\tt()\t").append(e.getValue() ? "PASSED\t\t" : "FAILED\tjava.lang.AssertionError\tno").append('\n');
        }
        write(root.resolve(module).resolve("target/course/progress.tsv"), b.toString());
    }

    private static void age(Path file, long seconds) throws Exception {
        Files.setLastModifiedTime(file, FileTime.fromMillis(System.currentTimeMillis() - TimeUnit.SECONDS.toMillis(seconds)));
    }

    private static void write(Path p, String s) throws Exception {
        Files.createDirectories(p.getParent());
        Files.writeString(p, s);
    }

    interface Action {
        void run() throws Exception;
    }

    private static String capture(Action action) throws Exception {
        PrintStream old = System.out;
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        System.setOut(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        try {
            action.run();
        } finally {
            System.setOut(old);
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }
}
