package course.tools;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ContractsTest {

    private static final String TESTS = FakeCourse.MODULE + "/src/test/java/course/demo/";
    private static final String MANIFEST = FakeCourse.MODULE + "/" + Manifest.FILE;

    private static void manifest(Path root, String ex01Contract, String ex02Contract) throws Exception {
        FakeCourse.write(root.resolve(MANIFEST), "# class  points  hint  wrong  contract\n"
                + "course.demo.Ex01_First   10  hints/Ex01_First.md   0  " + ex01Contract + "\n"
                + "course.demo.Ex02_Second  5   hints/Ex02_Second.md  0  " + ex02Contract + "\n");
    }

    @Test
    void everyDeclaredDimensionTestedIsSound(@TempDir Path dir) throws Exception {
        Path root = FakeCourse.create(dir);
        manifest(root, "values lifecycle", "values");
        FakeCourse.write(root.resolve(TESTS + "Ex01_FirstTest.java"), """
                package course.demo;
                import org.junit.jupiter.api.*;
                class Ex01_FirstTest {
                    @Test @Tag("contract:values") @Tag("slow") void returnsIt() { }
                    @Nested class Closing {
                        @Tags({@Tag("contract:lifecycle")}) @RepeatedTest(2) void closes() { }
                    }
                }
                """);
        FakeCourse.write(root.resolve(TESTS + "Ex02_SecondTest.java"), """
                package course.demo;
                import org.junit.jupiter.api.*;
                @Tag("contract:values")
                class Ex02_SecondTest {
                    @Test void works() { }
                }
                """);

        Contracts.Report r = Contracts.of(root, FakeCourse.MODULE);

        assertThat(r.gaps()).isEmpty();
        assertThat(r.line()).isEqualTo("contracts: 2/2 exercises declared, 3 dimensions each tested");
    }

    @Test
    void namesEachGapPrecisely(@TempDir Path dir) throws Exception {
        Path root = FakeCourse.create(dir);
        manifest(root, "values lifecycle speed", "values");
        FakeCourse.write(root.resolve(TESTS + "Ex01_FirstTest.java"), """
                package course.demo;
                import org.junit.jupiter.api.*;
                class Ex01_FirstTest {
                    @Test @Tag("contract:values") @Tag("contract:state") void returnsIt() { }
                    @Test @Tag("contract:colour") void paints() { }
                    @Tag("contract:values") void helper() { }
                }
                """);
        Files.delete(root.resolve(TESTS + "Ex02_SecondTest.java"));

        Contracts.Report r = Contracts.of(root, FakeCourse.MODULE);

        assertThat(r.gaps()).containsExactlyInAnyOrder(
                "Ex01_First declares speed in " + MANIFEST + ", which is not a dimension (values, placement, concurrency, lifecycle, errors, state, cores, event-loop)",
                "Ex01_First declares lifecycle but no test in Ex01_FirstTest is tagged @Tag(\"contract:lifecycle\")",
                "Ex01_FirstTest: its test returnsIt is tagged @Tag(\"contract:state\") but Ex01_First does not declare state in " + MANIFEST,
                "Ex01_FirstTest: its test paints is tagged @Tag(\"contract:colour\"), which is not a dimension (values, placement, concurrency, lifecycle, errors, state, cores, event-loop)",
                "Ex01_FirstTest: its method helper, which is not a test, is tagged @Tag(\"contract:values\"): tag the tests that prove it",
                "Ex02_Second declares values but no test in Ex02_SecondTest is tagged @Tag(\"contract:values\")");
        assertThat(r.line()).isEqualTo("contracts: 2/2 exercises declared, 1/3 declared dimensions tested, 6 gaps");
    }

    @Test
    void aModuleWithoutAManifestSaysSo(@TempDir Path dir) throws Exception {
        Path root = FakeCourse.create(dir);
        Files.delete(root.resolve(MANIFEST));

        assertThatThrownBy(() -> Contracts.of(root, FakeCourse.MODULE)).isInstanceOf(ToolException.class).hasMessage(FakeCourse.MODULE + " has no manifest.txt (its list of exercises)");
    }
}
