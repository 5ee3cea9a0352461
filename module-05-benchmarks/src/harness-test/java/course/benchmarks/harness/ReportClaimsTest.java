package course.benchmarks.harness;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The "published claim vs your machine" table compares like with like. */
class ReportClaimsTest {

    private static ScaleResult scale(String model, int cap, int reached, String stoppedBy, long heap, long rss, long kernel) {
        return new ScaleResult(model, cap, reached, stoppedBy, reached - 50, heap, -1, -1, rss, kernel, model.equals("vertx") ? -1 : 8);
    }

    @Test
    void a_probe_stopped_at_our_cap_is_a_lower_bound_beside_the_limit_the_machine_sets_not_a_limit() {
        Machine.ThreadLimit maps = new Machine.ThreadLimit(32_765, "vm.max_map_count 65530 / 2 maps a thread");

        assertThat(Report.limitText(scale("platform", 5_000, 5_000, "cap", 1_000, 40_000, 16_384), maps))
            .isEqualTo("> 5,000 (our cap, not a limit; this machine allows about 32,765: vm.max_map_count 65530 / 2 maps a thread)");
        assertThat(Report.limitText(scale("virtual", 200_000, 200_000, "cap", 2_048, 2_500, -1), null))
            .isEqualTo("> 200,000 (our cap, not a limit; the 512 MB heap holds about 262,144 (512 MiB / 2.0 KiB))");
        assertThat(Report.limitText(scale("virtual", 200_000, 150_000, "time budget", 2_048, 2_500, -1), null))
            .startsWith("> 150,000 (our time budget, not a limit;");
    }

    @Test
    void on_linux_the_thread_limit_is_the_lowest_of_the_kernels_settings() throws Exception {
        java.nio.file.Path maps = java.nio.file.Path.of("/proc/sys/vm/max_map_count");
        org.junit.jupiter.api.Assumptions.assumeTrue(java.nio.file.Files.exists(maps), "Linux only");
        // readAllLines, not readString: on some kernels readString gets one byte of a /proc/sys file
        long mapsLimit = Long.parseLong(java.nio.file.Files.readAllLines(maps).getFirst().trim()) / 2;
        long pidMax = Long.parseLong(java.nio.file.Files.readAllLines(java.nio.file.Path.of("/proc/sys/kernel/pid_max")).getFirst().trim());

        Machine.ThreadLimit limit = Machine.threadLimit();

        assertThat(limit).isNotNull();
        assertThat(limit.threads()).isPositive().isLessThanOrEqualTo(Math.min(mapsLimit, pidMax));
        assertThat(limit.by()).isNotBlank();
    }

    @Test
    void a_probe_that_hit_a_limit_says_which() {
        assertThat(Report.limitText(scale("platform", 5_000, 3_100, "OutOfMemoryError: unable to create native thread", 1_000, 40_000, 16_384),
            null)).isEqualTo("3,100 (a limit: OutOfMemoryError: unable to create native thread)");
    }

    /** The claims table of a report with only cold starts and scale probes measured. */
    private static List<String> claims(List<ColdResult> cold, List<ScaleResult> scale) {
        Report report = new Report(new Report.Results("quick", true, "solutions", 1, List.of(), List.of(), cold, scale, List.of(),
            Noise.UNKNOWN, "0 0 0", "0 0 0"));
        String console = report.console();
        int start = console.indexOf("Published claim vs your machine");
        return console.substring(start, console.indexOf("\nTargets", start)).lines().toList();
    }

    @Test
    void the_cold_column_is_the_published_method_the_median_of_five_calls_in_a_fresh_jvm() {
        // first calls 100 ms (threads) and 50 ms (virtual); each JVM's median of 5 calls: 20 and 4 ms
        List<ColdResult> cold = List.of(
            new ColdResult("spawn", "platform", List.of(100.0, 100.0, 100.0), List.of(20.0, 20.0, 20.0), null),
            new ColdResult("spawn", "virtual", List.of(50.0, 50.0, 50.0), List.of(4.0, 4.0, 4.0), null));

        assertThat(claims(cold, List.of())).anySatisfy(line -> assertThat(line).startsWith("  spawn 1,000 units, ms [A]")
            .endsWith("20 / 4 (5x)"));
    }

    @Test
    void memory_per_unit_is_resident_on_both_sides() {
        List<ScaleResult> scale = List.of(scale("platform", 5_000, 5_000, "cap", 1_000, 40_960, 16_384),
            scale("virtual", 200_000, 200_000, "cap", 2_048, 4_096, -1));

        assertThat(claims(List.of(), scale)).anySatisfy(line -> assertThat(line).startsWith("  memory per waiting unit, resident [B]")
            .contains("~9.5 KiB / ~0.4 KiB (23.8x)")
            .contains("40.0 KiB / 4.0 KiB (10x); a thread also 16.0 KiB kernel"));
    }
}
