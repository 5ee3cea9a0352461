package course.benchmarks.harness;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The HTTP section's verdicts: the two like-for-like tables, the generator named when its thread is the limit, the open loop. */
class ServerReportTest {

    /** A closed-loop row: the cores 75% busy (no "cores full"), no server thread near a core, no errors. */
    private static ServerResult closed(String model, int connections, double perSecond, double generatorThread) {
        return new ServerResult(model, connections, connections, 3, Math.round(perSecond * 3), 101, 110, 120, 130, 140, 105, 0,
            1.0, 0.5, 0.0, new BusiestThread("vert.x-eventloo", 0.3), Double.NaN, generatorThread, Double.NaN);
    }

    private static ServerResult open(String model, double rate, double p99) {
        return new ServerResult(model, 2_000, 2_000, 10, Math.round(rate * 10), 101, 110, p99, p99, p99, 105, 0,
            1.0, 0.5, 0.0, new BusiestThread("vert.x-eventloo", 0.3), Double.NaN, 0.2, rate);
    }

    private static ServerScenario.Outcome outcome(List<ServerResult> closed, List<ServerResult> open) {
        return new ServerScenario.Outcome(open.isEmpty() ? "quick" : "full", 100, 80_000, 200, 2, 200, 2, 3, Integer.MAX_VALUE, null,
            closed, open, open.isEmpty() ? 0 : 10);
    }

    /** The section as lines: every line, heading and table row (cells joined by " | "). */
    private static List<String> written(ServerScenario.Outcome o) {
        List<String> lines = new ArrayList<>();
        ServerReport.write(o, new ServerReport.Out() {
            @Override
            public void heading(String text) {
                lines.add("## " + text);
            }

            @Override
            public void line(String text) {
                lines.add(text);
            }

            @Override
            public void table(List<String> header, List<List<String>> rows) {
                lines.add(String.join(" | ", header));
                rows.forEach(row -> lines.add(String.join(" | ", row)));
            }
        });
        return lines;
    }

    private static List<ServerResult> bothServers(double vertxGeneratorThread) {
        return List.of(
            closed("pool", 1_000, 1_900, 0.2), closed("virtual", 1_000, 2_500, 0.2),
            closed("vertx-worker", 1_000, 1_900, 0.2), closed("vertx", 1_000, 2_500, vertxGeneratorThread),
            closed("vertx-virtual", 1_000, 2_400, 0.2));
    }

    @Test
    void a_level_whose_generator_thread_is_at_85_percent_of_a_core_says_the_generator_was_the_limit() {
        ServerScenario.Outcome o = outcome(bothServers(0.85), List.of());
        ServerResult vertx = ServerReport.find(o, "vertx", 1_000).orElseThrow();

        assertThat(ServerReport.generatorFull(vertx)).isTrue();
        assertThat(ServerReport.whyShort(o, vertx)).contains("the generator was the limit").contains("0.85 of a core");
        assertThat(ServerReport.whyLong(o, vertx)).contains("The generator was the limit too").contains("0.85 of a core");
        assertThat(written(o)).anySatisfy(line -> assertThat(line).startsWith("Why vertx at 1,000 connections")
            .contains("The generator was the limit too"));
        assertThat(written(o)).contains("The generator was the limit (its thread at a full core) in: vertx at 1,000 connections (0.85). "
            + "Those rows measured the generator as much as the server.");
    }

    @Test
    void below_85_percent_the_generator_is_not_named() {
        ServerScenario.Outcome o = outcome(bothServers(0.84), List.of());
        ServerResult vertx = ServerReport.find(o, "vertx", 1_000).orElseThrow();

        assertThat(ServerReport.generatorFull(vertx)).isFalse();
        assertThat(ServerReport.whyShort(o, vertx)).doesNotContain("generator");
        assertThat(ServerReport.whyLong(o, vertx)).doesNotContain("generator was the limit");
        assertThat(written(o)).noneMatch(line -> line.startsWith("The generator was the limit"));
    }

    @Test
    void a_generator_thread_the_jvm_cannot_measure_is_never_called_the_limit() {
        ServerResult unknown = closed("vertx", 1_000, 2_500, Double.NaN);
        assertThat(ServerReport.generatorFull(unknown)).isFalse();
    }

    @Test
    void each_server_gets_its_own_table_and_each_model_is_compared_with_the_pool_on_the_same_server() {
        List<String> lines = written(outcome(bothServers(0.2), List.of()));

        int vertxTable = lines.indexOf("On one Vert.x (Netty) HttpServer on one event loop (vs pool: requests/s over the same server's "
            + "pool's, Vert.x worker pool, 200 threads, at the same connections):");
        int jdkTable = lines.indexOf("On the JDK's HttpServer (com.sun.net.httpserver) (vs pool: requests/s over the same server's "
            + "pool's, fixed pool, 200 platform threads, at the same connections):");
        assertThat(vertxTable).isNotNegative();
        assertThat(jdkTable).isGreaterThan(vertxTable);
        List<String> vertxRows = lines.subList(vertxTable, jdkTable);
        List<String> jdkRows = lines.subList(jdkTable, lines.size());
        assertThat(vertxRows).anyMatch(row -> row.startsWith("Vert.x worker pool, 200 threads | 1,000 | 1,900 | baseline"))
            .anyMatch(row -> row.startsWith("Vert.x event loop | 1,000 | 2,500 | 1.316x"))
            .anyMatch(row -> row.startsWith("Vert.x virtual-thread verticle | 1,000 | 2,400 | 1.263x"))
            .noneMatch(row -> row.startsWith("virtual thread per request"));
        assertThat(jdkRows).anyMatch(row -> row.startsWith("fixed pool, 200 platform threads | 1,000 | 1,900 | baseline"))
            .anyMatch(row -> row.startsWith("virtual thread per request | 1,000 | 2,500 | 1.316x"));
        // the 3x targets compare within a server too
        assertThat(lines).anyMatch(row -> row.startsWith("vertx-virtual >= 3x the vertx-worker's requests/s at 1,000 connections (same server)"))
            .anyMatch(row -> row.startsWith("virtual >= 3x the pool's requests/s at 1,000 connections (same server)"));
    }

    @Test
    void without_an_open_loop_the_report_says_it_runs_in_full_mode_only() {
        assertThat(written(outcome(bothServers(0.2), List.of()))).anyMatch(line -> line.startsWith("Open loop") && line.contains("full mode only"));
    }

    @Test
    void the_open_loop_table_gives_each_rate_as_a_share_of_the_pools_capacity_and_p99_against_the_pools() {
        List<ServerResult> open = List.of(open("vertx-worker", 950, 400), open("vertx", 950, 200), open("vertx-virtual", 950, 100),
            open("pool", 950, 800), open("virtual", 950, 200));
        List<String> lines = written(outcome(bothServers(0.2), open));

        assertThat(lines).anyMatch(line -> line.startsWith("## HTTP service at fixed arrival rates (open loop)"))
            .anyMatch(row -> row.startsWith("Vert.x worker pool, 200 threads | 950 (50%) | 950 | 101 | 400 |") && row.contains("| baseline |"))
            .anyMatch(row -> row.startsWith("Vert.x event loop | 950 (50%) | 950 | 101 | 200 |") && row.contains("| 0.500x |"))
            .anyMatch(row -> row.startsWith("Vert.x virtual-thread verticle | 950 (50%) |") && row.contains("| 0.25x |"))
            .anyMatch(row -> row.startsWith("virtual thread per request | 950 (50%) |") && row.contains("| 0.25x |"));
    }
}
