package course.tools;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class TestJvmTest {

    private static final Path LOG = Path.of("test.log");

    @Test
    void aCompleteRunGivesOneResultPerTest() {
        TestJvm.Outcome o = TestJvm.parse(List.of(
                "C\tcourse.threads.Ex01_StartAndJoinTest",
                "T\tcourse.threads.Ex01_StartAndJoinTest\treturnsTheResult\tPASSED\t\t",
                "T\tcourse.threads.Ex01_StartAndJoinTest\trunsOnAnotherThread\tFAILED\tjava.lang.AssertionError\t[Ex01: work.get() should run...]\\nExpecting: x",
                "E\tcourse.threads.Ex01_StartAndJoinTest",
                "END"), List.of("course.threads.Ex01_StartAndJoinTest"), "", "0", LOG);

        assertThat(o.complete()).isTrue();
        assertThat(o.caught()).isFalse();
        assertThat(o.results()).hasSize(2);
        TestJvm.Result failed = o.results().get(1);
        assertThat(failed.status()).isEqualTo(TestResults.Status.FAILED);
        assertThat(failed.message()).isEqualTo("[Ex01: work.get() should run...]\nExpecting: x");
        assertThat(failed.exercise()).isEqualTo("Ex01_StartAndJoin");
    }

    @Test
    void aJvmThatDiedFailsEveryClassItDidNotFinish() {
        TestJvm.Outcome o = TestJvm.parse(List.of(
                "C\tp.Ex01_ATest", "T\tp.Ex01_ATest\tone\tPASSED\t\t", "E\tp.Ex01_ATest",
                "C\tp.Ex02_BTest", "T\tp.Ex02_BTest\tfirst\tPASSED\t\t"),
                List.of("p.Ex01_ATest", "p.Ex02_BTest", "p.Ex03_CTest"), "", "3", LOG);

        assertThat(o.complete()).isFalse();
        assertThat(o.ended()).contains("exit status 3", "System.exit");
        assertThat(o.results()).extracting(r -> r.testClass() + "#" + r.name() + ":" + r.status())
                .containsExactly("p.Ex01_ATest#one:PASSED", "p.Ex02_BTest#first:PASSED",
                        "p.Ex02_BTest#(class):FAILED", "p.Ex03_CTest#(class):FAILED");
    }

    @Test
    void aRunStoppedAtTheTimeLimitSaysSo() {
        TestJvm.Outcome o = TestJvm.parse(List.of(), List.of("p.Ex01_ATest"), "the tests did not finish within 240 s", "none", LOG);
        assertThat(o.results()).singleElement().satisfies(r -> assertThat(r.message()).contains("did not finish within 240 s"));
    }

    @Test
    void aRunStoppedAtItsFirstCatchIsComplete() {
        TestJvm.Outcome o = TestJvm.parse(List.of(
                "C\tp.Ex01_ATest", "T\tp.Ex01_ATest\tone\tFAILED\tjava.lang.AssertionError\tEx01: wrong", "END\tcaught"),
                List.of("p.Ex01_ATest"), "", "0", LOG);
        assertThat(o.complete()).isTrue();
        assertThat(o.caught()).isTrue();
        assertThat(o.results()).hasSize(1);
    }
}
