package course.tools;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class ContractsTest {

    private static final String TESTS = FakeCourse.MODULE + "/src/test/java/course/demo/";
    private static final String FILE = FakeCourse.MODULE + "/" + Contracts.FILE;

    @Test
    void everyDeclaredDimensionTestedIsSound(@TempDir Path dir) throws Exception {
        Path root = FakeCourse.create(dir);
        FakeCourse.write(root.resolve(FILE), "# contracts\nEx01_First = values, lifecycle\nEx02_Second = values\n");
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
        FakeCourse.write(root.resolve(FILE), "Ex01_First = values, lifecycle, speed\nEx09_Gone = values\n");
        FakeCourse.write(root.resolve(TESTS + "Ex01_FirstTest.java"), """
                package course.demo;
                import org.junit.jupiter.api.*;
                class Ex01_FirstTest {
                    @Test @Tag("contract:values") @Tag("contract:state") void returnsIt() { }
                    @Test @Tag("contract:colour") void paints() { }
                    @Tag("contract:values") void helper() { }
                }
                """);

        Contracts.Report r = Contracts.of(root, FakeCourse.MODULE);

        assertThat(r.gaps()).containsExactlyInAnyOrder(
                "Ex01_First declares speed, which is not a dimension (values, placement, concurrency, lifecycle, errors, state, cores, event-loop)",
                Contracts.FILE + " has a line for Ex09_Gone, which is not an exercise of " + FakeCourse.MODULE,
                "Ex01_First declares lifecycle but no test in Ex01_FirstTest is tagged @Tag(\"contract:lifecycle\")",
                "Ex01_FirstTest: its test returnsIt is tagged @Tag(\"contract:state\") but Ex01_First does not declare state in " + Contracts.FILE,
                "Ex01_FirstTest: its test paints is tagged @Tag(\"contract:colour\"), which is not a dimension (values, placement, concurrency, lifecycle, errors, state, cores, event-loop)",
                "Ex01_FirstTest: its method helper, which is not a test, is tagged @Tag(\"contract:values\"): tag the tests that prove it",
                "Ex02_Second has no line in " + Contracts.FILE + " (which dimensions does its lesson make part of the contract?)");
        assertThat(r.line()).isEqualTo("contracts: 1/2 exercises declared, 1/2 declared dimensions tested, 7 gaps");
    }

    @Test
    void aModuleWithoutTheFileSaysWhereItGoes(@TempDir Path dir) throws Exception {
        Path root = FakeCourse.create(dir);

        Contracts.Report r = Contracts.of(root, FakeCourse.MODULE);

        assertThat(r.gaps()).singleElement().asString().startsWith("no " + Contracts.FILE + ": give each exercise a line there");
        assertThat(r.declaredExercises()).isZero();
    }
}
