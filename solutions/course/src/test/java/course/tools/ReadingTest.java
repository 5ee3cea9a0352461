package course.tools;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.tools.ToolProvider;

import static org.assertj.core.api.Assertions.assertThat;

/** Reading what the build leaves: test classes, surefire reports, compiler errors. */
class ReadingTest {

    @Test
    void expectedTestsComeFromTheCompiledTestClassesNestedIncluded(@TempDir Path dir) throws Exception {
        Path src = dir.resolve("src/p/Ex01_ATest.java");
        Files.createDirectories(src.getParent());
        Files.writeString(src, """
                package p;
                import org.junit.jupiter.api.*;
                class Ex01_ATest {
                    @Test void first() {}
                    @RepeatedTest(2) void again() {}
                    void helper() {}
                    @Nested class Inner { @Test void second() {} }
                    static class NotNested { @Test void ignored() {} }
                }
                """);
        Path other = dir.resolve("src/p/SupportTest.java");
        Files.writeString(other, "package p; class SupportTest { @org.junit.jupiter.api.Test void x() {} }\n");
        Path classes = dir.resolve("classes");
        int rc = ToolProvider.getSystemJavaCompiler().run(null, null, null, "-d", classes.toString(),
                "-cp", System.getProperty("java.class.path"), src.toString(), other.toString());
        assertThat(rc).isZero();

        var expected = ExpectedTests.read(classes);
        assertThat(expected).containsOnlyKeys("Ex01_A");
        assertThat(expected.get("Ex01_A")).containsExactly(
                new ExpectedTests.Method("p.Ex01_ATest", "again", true),
                new ExpectedTests.Method("p.Ex01_ATest", "first", false),
                new ExpectedTests.Method("p.Ex01_ATest$Inner", "second", false));
        assertThat(ExpectedTests.topLevelClasses(expected.get("Ex01_A"))).containsExactly("p.Ex01_ATest");

        Path cache = dir.resolve("cache/commit/module.tsv");
        assertThat(ExpectedTests.load(cache)).isNull();
        ExpectedTests.save(cache, expected);
        assertThat(ExpectedTests.load(cache)).isEqualTo(expected);
        Files.writeString(cache, "half a line\n");
        assertThat(ExpectedTests.load(cache)).as("a damaged cache is compiled again").isNull();
    }

    private static final List<ExpectedTests.Method> METHODS = List.of(
            new ExpectedTests.Method("p.Ex01_ATest", "first", false),
            new ExpectedTests.Method("p.Ex01_ATest", "second", false),
            new ExpectedTests.Method("p.Ex01_ATest$Inner", "third", false),
            new ExpectedTests.Method("p.Ex01_ATest", "again", true));

    @Test
    void onlyExpectedMethodsCountAndOddResultsAreNotPassed(@TempDir Path reports) throws Exception {
        Files.writeString(reports.resolve("TEST-p.Ex01_ATest.xml"), """
                <?xml version="1.0" encoding="UTF-8"?>
                <testsuite name="p.Ex01_ATest">
                  <testcase name="first" classname="p.Ex01_ATest"/>
                  <testcase name="second" classname="p.Ex01_ATest"><failure message="Ex01: expected 3&#10;more">trace</failure></testcase>
                  <testcase name="second" classname="p.Ex01_ATest"/>
                  <testcase name="again()[1]" classname="p.Ex01_ATest"/>
                  <testcase name="again()[2]" classname="p.Ex01_ATest"/>
                  <testcase name="bonus" classname="p.Ex01_ATest"/>
                  <testcase name="third" classname="p.Other"/>
                </testsuite>
                """);
        // a file nobody expects, claiming everything passed: never read
        Files.writeString(reports.resolve("TEST-p.Fake.xml"), "<testsuite><testcase name=\"third\" classname=\"p.Ex01_ATest$Inner\"/></testsuite>");

        var r = TestResults.readExercise(reports, METHODS);
        assertThat(r.results()).extracting(x -> x.method().name() + "=" + x.status())
                .containsExactly("first=PASSED", "second=MISSING", "third=MISSING", "again=PASSED");
        assertThat(r.passed()).isEqualTo(2);
        assertThat(r.notes()).anyMatch(n -> n.startsWith("result duplicated: second"))
                .anyMatch(n -> n.equals("extra result ignored: p.Ex01_ATest.bonus"))
                .anyMatch(n -> n.equals("extra result ignored: p.Other.third"));
    }

    @Test
    void aFailedInvocationFailsItsTemplateAndAFailureKeepsItsMessage(@TempDir Path reports) throws Exception {
        Files.writeString(reports.resolve("TEST-p.Ex01_ATest.xml"), """
                <testsuite>
                  <testcase name="first" classname="p.Ex01_ATest"><failure message="Ex01: expected 3 threads, saw 1">x</failure></testcase>
                  <testcase name="second" classname="p.Ex01_ATest"><skipped/></testcase>
                  <testcase name="third" classname="p.Ex01_ATest$Inner"><error type="java.lang.NullPointerException"/></testcase>
                  <testcase name="again()[1]" classname="p.Ex01_ATest"/>
                  <testcase name="again()[2]" classname="p.Ex01_ATest"><failure message="second round"/></testcase>
                </testsuite>
                """);
        var r = TestResults.readExercise(reports, METHODS);
        assertThat(r.results()).extracting(x -> x.method().name() + "=" + x.status() + ":" + x.message()).containsExactly(
                "first=FAILED:Ex01: expected 3 threads, saw 1", "second=SKIPPED:", "third=FAILED:java.lang.NullPointerException",
                "again=FAILED:second round");
        assertThat(r.notes()).isEmpty();
    }

    /** What a test printed (here 100 MB, in a passed and a failed test) never decides what its report says. */
    @Test
    void aReportWithAHundredMegabytesOfOutputIsReadAsAnyOther(@TempDir Path reports) throws Exception {
        Path xml = reports.resolve("TEST-p.Ex01_ATest.xml");
        String line = "x".repeat(1023) + "\n";
        try (var out = Files.newBufferedWriter(xml)) {
            out.write("<testsuite>\n  <testcase name=\"first\" classname=\"p.Ex01_ATest\"><system-out><![CDATA[");
            for (int i = 0; i < 50 * 1024; i++) out.write(line);
            out.write("]]></system-out></testcase>\n  <testcase name=\"second\" classname=\"p.Ex01_ATest\"><failure message=\"Ex01: no\">t</failure><system-out>");
            for (int i = 0; i < 50 * 1024; i++) out.write(line);
            out.write("</system-out></testcase>\n  <testcase name=\"third\" classname=\"p.Ex01_ATest$Inner\"/>\n"
                    + "  <testcase name=\"again()[1]\" classname=\"p.Ex01_ATest\"/>\n</testsuite>\n");
        }
        assertThat(Files.size(xml)).isGreaterThan(100L << 20);
        var r = TestResults.readExercise(reports, METHODS);
        assertThat(r.results()).extracting(x -> x.method().name() + "=" + x.status() + ":" + x.message())
                .containsExactly("first=PASSED:", "second=FAILED:Ex01: no", "third=PASSED:", "again=PASSED:");
        assertThat(r.notes()).isEmpty();
    }

    @Test
    void anUnreadableOrMissingReportIsNotPassedAndNeverThrows(@TempDir Path reports) throws Exception {
        assertThat(TestResults.readExercise(reports, METHODS).noneRan()).isTrue();
        Files.writeString(reports.resolve("TEST-p.Ex01_ATest.xml"), "<testsuite><testcase name=");
        var r = TestResults.readExercise(reports, METHODS);
        assertThat(r.noneRan()).isTrue();
        assertThat(r.notes()).singleElement().asString().startsWith("report unreadable: TEST-p.Ex01_ATest.xml");
        Files.writeString(reports.resolve("TEST-p.Ex01_ATest.xml"), "<!DOCTYPE x [<!ENTITY e SYSTEM \"file:///etc/passwd\">]><testsuite>&e;</testsuite>");
        assertThat(TestResults.readExercise(reports, METHODS).notes()).singleElement().asString().startsWith("report unreadable");
        Files.delete(reports.resolve("TEST-p.Ex01_ATest.xml"));
        Files.createSymbolicLink(reports.resolve("TEST-p.Ex01_ATest.xml"), Path.of("/etc/hostname"));
        assertThat(TestResults.readExercise(reports, METHODS).notes()).singleElement().asString().contains("not a regular file");
    }

    @Test
    void aCrashedForkIsTheExplanation(@TempDir Path reports) throws Exception {
        Files.writeString(reports.resolve("TEST-p.Ex01_ATest.xml"), """
                <testsuite><testcase name="p.Ex01_ATest" classname="p.Ex01_ATest">
                <error message="ExecutionException The forked VM terminated without properly saying goodbye. VM crash or System.exit called?"/>
                </testcase></testsuite>
                """);
        var r = TestResults.readExercise(reports, METHODS);
        assertThat(r.noneRan()).isTrue();
        assertThat(r.crash()).startsWith("ExecutionException The forked VM terminated");
    }

    @Test
    void compileErrorsAreFoundPerFileOfTheModule() {
        Path course = Path.of("/tmp/g/course");
        List<String> log = List.of(
                "[INFO] Compiling 10 source files",
                "[ERROR] COMPILATION ERROR :",
                "[ERROR] /tmp/g/course/module-01-threads/src/main/java/course/threads/Ex02_Split.java:[12,25] incompatible types: String cannot be converted to int",
                "[ERROR] /tmp/g/course/module-01-threads/src/main/java/course/threads/Ex02_Split.java:[12,25] incompatible types: String cannot be converted to int",
                "[ERROR] /tmp/g/course/module-01-threads/src/test/java/course/threads/Ex03_PoolTest.java:[40] cannot find symbol",
                "[ERROR] /tmp/g/course/module-02-async/src/main/java/course/async/Ex01.java:[1,1] other module",
                "[ERROR] Failed to execute goal ...");
        assertThat(ModuleRun.compileErrors(log, course, "module-01-threads")).containsExactly(
                new ModuleRun.CompileError("main", "course/threads/Ex02_Split.java", 12, "incompatible types: String cannot be converted to int"),
                new ModuleRun.CompileError("test", "course/threads/Ex03_PoolTest.java", 40, "cannot find symbol"));
        assertThat(ModuleRun.compileErrors(log, course, "module-01-threads").getFirst().toString())
                .isEqualTo("course/threads/Ex02_Split.java:12 incompatible types: String cannot be converted to int");
    }
}
