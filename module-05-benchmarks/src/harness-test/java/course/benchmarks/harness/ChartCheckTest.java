package course.benchmarks.harness;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The chart and report renderer on fixed results: what {@link ChartCheck} checks, as a test that CI runs. */
class ChartCheckTest {

    @Test
    void theChartsReadAsTheyShould(@TempDir Path out) throws Exception {
        assertThat(ChartCheck.problems(out)).as("the chart renderer's problems (charts drawn in %s)", out).isEmpty();
    }
}
