package course.tools;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The course check's verdict on one module from what its runs left (surefire reports, the fast engine's core-count
 * runs), on a tiny sound course (FakeCourse): then one thing broken at a time, and the line that says so.
 */
class CheckTest {

    private static final String M = FakeCourse.MODULE;
    private static final List<String> TESTS = List.of("course.demo.Ex01_FirstTest#returnsIt", "course.demo.Ex01_FirstTest#runsOnAnotherThread",
            "course.demo.Ex02_SecondTest#works");

    @TempDir
    Path dir;
    Path root;

    @BeforeEach
    void aSoundCourse() throws Exception {
        root = FakeCourse.create(dir);
        FakeCourse.write(root.resolve("solutions/" + M + "/src/main/java/course/demo/Ex02_Second.java"), FakeCourse.solved("Ex02_Second"));
        FakeCourse.write(root.resolve(M + "/hints/Ex01_First.md"), "## 1\nnudge\n");
        FakeCourse.write(root.resolve(M + "/hints/Ex02_Second.md"), "## 1\nnudge\n");
        for (String test : List.of("Ex01_FirstTest", "Ex02_SecondTest")) {
            Path f = root.resolve(M + "/src/test/java/course/demo/" + test + ".java");
            Files.writeString(f, Files.readString(f).replace("class " + test, "@org.junit.jupiter.api.Tag(\"contract:values\") class " + test));
        }
        report("target/solutions/surefire-reports", null, TESTS);
        report("target/surefire-reports", "not implemented", TESTS);
    }

    /** Surefire's reports: each test passes, or fails with {@code failure}. */
    private void report(String folder, String failure, List<String> tests) throws Exception {
        Path reports = root.resolve(M).resolve(folder);
        Course.deleteTree(reports);
        for (String cls : List.of("course.demo.Ex01_FirstTest", "course.demo.Ex02_SecondTest")) {
            StringBuilder xml = new StringBuilder("<testsuite>\n");
            tests.stream().filter(t -> t.startsWith(cls + "#")).forEach(t -> xml.append("<testcase classname=\"").append(cls).append("\" name=\"")
                    .append(t.substring(t.indexOf('#') + 1)).append("\">").append(failure == null ? "" : "<failure message=\"" + failure + "\"/>").append("</testcase>\n"));
            FakeCourse.write(reports.resolve("TEST-" + cls + ".xml"), xml.append("</testsuite>\n").toString());
        }
    }

    /** The fast engine's runs at 1, 3 and 6 cores: every test passes, but those in {@code failing}. */
    private static List<CoreCounts.Run> engine(List<String> tests, List<String> failing) {
        List<CoreCounts.Run> runs = new ArrayList<>();
        for (int n : CoreCounts.COUNTS) {
            runs.add(new CoreCounts.Run(M, n, tests.stream().map(t -> new TestJvm.Result(t.substring(0, t.indexOf('#')), t.substring(t.indexOf('#') + 1),
                    failing.contains(t) ? TestResults.Status.FAILED : TestResults.Status.PASSED, "", failing.contains(t) ? "boom" : "")).toList(), 1));
        }
        return runs;
    }

    private Check.Judged judge(List<CoreCounts.Run> engine) throws Exception {
        Maven.Run maven = new Maven.Run(0, root.resolve("target/course/check.log"), false);
        Check.Options options = new Check.Options(List.of(M), true, true, 1, new WrongAnswers(root));
        Check.Runs runs = new Check.Runs(maven, maven, Map.of(), Map.of(M, List.of()), Map.of(M, List.of()), Map.of(), Map.of(M, engine));
        return new Check(root).judge(options, runs, M);
    }

    @Test
    void aSoundModuleIsOneLineOfCountsAndTheEngineAgrees() throws Exception {
        Check.Judged j = judge(engine(TESTS, List.of()));

        assertThat(j.problems()).isEmpty();
        assertThat(j.lines()).containsExactly(
                M + ": 3 tests | 3 pass on solutions | 3 fail on starters | 0/0 wrong answers caught",
                "  contracts: 2/2 exercises declared, 2 dimensions each tested; at 1, 3, 6 cores: 3/3 runs green",
                "  engine: fast engine agrees with surefire on 3 tests");
        assertThat(j.passed()).isEqualTo(3);
        assertThat(j.failed()).isZero();
    }

    @Test
    void aVerdictOfSurefireTheEngineDoesNotGiveFailsTheCheckNamingTheTest() throws Exception {
        // Surefire says works failed, and ran a test the engine never ran; the engine passed works at every core count.
        List<String> more = new ArrayList<>(TESTS);
        more.add("course.demo.Ex01_FirstTest#onlyInMaven");
        report("target/solutions/surefire-reports", null, more);
        Files.writeString(root.resolve(M + "/target/solutions/surefire-reports/TEST-course.demo.Ex02_SecondTest.xml"),
                "<testsuite><testcase classname=\"course.demo.Ex02_SecondTest\" name=\"works\"><failure message=\"flaky\"/></testcase></testsuite>");

        Check.Judged j = judge(engine(TESTS, List.of()));

        assertThat(j.problems()).contains(
                "fast engine and surefire differ on solutions: course.demo.Ex01_FirstTest#onlyInMaven: run by surefire only",
                "fast engine and surefire differ on solutions: course.demo.Ex02_SecondTest#works: failed on surefire, passed on the fast engine");
        assertThat(j.lines().get(0)).endsWith(" | NOT SOUND");
        assertThat(j.lines().get(2)).isEqualTo("  engine: fast engine disagrees with surefire on 2 of 4 tests");
    }

    @Test
    void aTestTheEngineFailsAtEveryCoreCountIsADisagreementToo() throws Exception {
        Check.Judged j = judge(engine(TESTS, List.of("course.demo.Ex02_SecondTest#works")));

        assertThat(j.problems()).contains("fast engine and surefire differ on solutions: course.demo.Ex02_SecondTest#works: passed on surefire, failed on the fast engine",
                "failed on solutions at -XX:ActiveProcessorCount=3: course.demo.Ex02_SecondTest.works: boom");
    }

    @Test
    void aManifestLineWithoutItsFilesOrWrongAnswersFailsTheCheckNamingWhatToFix() throws Exception {
        FakeCourse.listInManifest(root.resolve(M), "course.demo.Ex03_Third");
        Path manifest = root.resolve(M).resolve(Manifest.FILE);
        Files.writeString(manifest, Files.readString(manifest).replace("hints/Ex01_First.md  0", "hints/Ex01_First.md  2"));
        FakeCourse.write(root.resolve(M + "/src/test/java/course/demo/Ex04_FourthTest.java"), "package course.demo;\nclass Ex04_FourthTest { }\n");

        Check.Judged j = judge(engine(TESTS, List.of()));

        String m = M + "/manifest.txt";
        assertThat(j.problems()).contains(
                m + " has no line for the exercise of " + M + "/src/test/java/course/demo/Ex04_FourthTest.java",
                m + ": Ex03_Third has no " + M + "/src/main/java/course/demo/Ex03_Third.java",
                m + ": Ex03_Third has no " + M + "/src/test/java/course/demo/Ex03_ThirdTest.java",
                m + ": Ex03_Third has no solutions/" + M + "/src/main/java/course/demo/Ex03_Third.java",
                m + ": Ex03_Third has no " + M + "/hints/Ex03_Third.md",
                "Ex01_First has 0 wrong answers, fewer than the 2 " + m + " asks for: add them to solutions/wrong/" + M + "/Ex01_First");
        assertThat(j.lines().get(0)).endsWith(" | NOT SOUND");
    }

    @Test
    void aManifestLineThatDoesNotParseStopsTheCheckBeforeItsBuilds() throws Exception {
        Files.writeString(root.resolve(M).resolve(Manifest.FILE), "course.demo.Ex01_First ten hints/Ex01_First.md 0 values\n", java.nio.file.StandardOpenOption.APPEND);
        ByteArrayOutputStream out = new ByteArrayOutputStream(), err = new ByteArrayOutputStream();

        int status = Course.run(root, new String[] {"check"}, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));

        assertThat(status).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).startsWith("check: " + M + "/manifest.txt line 4 is not \"class points hint wrong contract...\": "
                + "course.demo.Ex01_First ten hints/Ex01_First.md 0 values");
        assertThat(out.toString(StandardCharsets.UTF_8)).doesNotContain("running the tests");
    }
}
