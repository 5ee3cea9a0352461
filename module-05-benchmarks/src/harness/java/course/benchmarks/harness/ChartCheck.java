package course.benchmarks.harness;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The chart and report renderer checked on fixed results (no measuring, seconds): a full run of the
 * reference runners (figures from a quick run on a loaded 2-core machine) and a learner's partial run
 * (two runners not implemented yet). It checks what a reader needs: log axes whose floor shows the
 * winners as bars, linear ticks that do not overlap, one measure per memory panel, a "Winner: ...,
 * because ..." line per panel (in report.md too), rows for the runners not measured, the note on
 * the panels the harness measures itself, and no "see below" in report.md. It writes both charts
 * to the output folder, to look at. Exits 1 with every problem found, 0 when there is none.
 *
 * <pre>
 *   ./mvnw -q -pl module-05-benchmarks verify -Pbench,solutions -Dbench.main=course.benchmarks.harness.ChartCheck
 * </pre>
 * The harness tests run it too ({@code ChartCheckTest}, in CI).
 */
public final class ChartCheck {

    private final List<String> problems = new ArrayList<>();

    private ChartCheck() {
    }

    public static void main(String[] args) throws Exception {
        Path out = Path.of("target/benchmarks");
        for (String a : args) {
            if (a.startsWith("--out=")) {
                out = Path.of(a.substring("--out=".length()));
            }
        }
        List<String> problems = problems(out);
        if (!problems.isEmpty()) {
            System.out.println("The chart renderer has " + problems.size() + " problem(s):");
            problems.forEach(p -> System.out.println("  " + p));
            System.out.println("next: fix Chart.java or Report.java, and run this check again");
            System.exit(1);
        }
        System.out.println("Chart check passed; the charts it drew: " + out.resolve("chart-check-reference/chart.svg") + ", "
            + out.resolve("chart-check-partial/chart.svg"));
        System.out.println("next: look at them (a browser opens SVG), then run the suite: ./mvnw -q -pl module-05-benchmarks verify -Pbench,solutions");
    }

    /** Draws both fixed runs into {@code out} and returns every problem found (none: the renderer reads as it should). */
    static List<String> problems(Path out) throws Exception {
        ChartCheck check = new ChartCheck();
        check.run(full(), out.resolve("chart-check-reference"), true);
        check.run(partial(), out.resolve("chart-check-partial"), false);
        return check.problems;
    }

    private void run(Report.Results results, Path dir, boolean full) throws Exception {
        String name = full ? "reference run" : "partial run";
        Report report = new Report(results);
        if (full) {
            report.withServers(servers());
        }
        report.writeTo(dir);
        String svg = Files.readString(dir.resolve("chart.svg"));
        String md = Files.readString(dir.resolve("report.md"));
        List<Chart.Panel> panels = Chart.panels(report);

        for (Chart.Panel p : panels) {
            List<Chart.Bar> bars = p.bars().stream().filter(Chart.Bar::measured).toList();
            if (bars.isEmpty()) {
                continue;
            }
            expect(p.verdict() != null && p.verdict().startsWith("Winner: ") && p.verdict().contains(", because "),
                name + ", " + p.key() + ": no \"Winner: ..., because ...\" line (" + p.verdict() + ")");
            expect(p.verdict() == null || md.contains(p.verdict()), name + ", " + p.key() + ": its verdict is not in report.md");
            expect(p.verdict() == null || svg.contains(escape(Chart.wrap(p.verdict()).getFirst())), name + ", " + p.key() + ": its verdict is not on the chart");
            if (p.log()) {
                Chart.Axis axis = Chart.logAxis(bars, p.limit());
                double shortest = bars.stream().mapToDouble(b -> axis.x(b.value())).min().orElseThrow() - 270;
                // The winner's bar: at least a tenth of the plot, never a sliver at the axis's floor.
                expect(shortest >= 58, name + ", " + p.key() + ": the shortest bar is " + Math.round(shortest) + " px long (floor " + axis.min() + ")");
                expect(axis.min() * 1.6 <= bars.stream().mapToDouble(Chart.Bar::value).min().orElseThrow() * 1.0001,
                    name + ", " + p.key() + ": the floor sits on the smallest bar");
            } else {
                Chart.Axis axis = Chart.linearAxis(bars, p.band());
                expect(axis.ticks().size() <= 8, name + ", " + p.key() + ": " + axis.ticks().size() + " ticks on a linear axis");
            }
        }
        for (String key : List.of("rss", "heap")) {
            Chart.Panel p = panels.stream().filter(x -> x.key().equals(key)).findFirst().orElseThrow();
            expect(p.bars().size() == results.scale().size(), name + ", " + key + ": not one row per model");
            expect(p.bars().stream().noneMatch(b -> b.label().contains(":")), name + ", " + key + ": a row of another measure (" + p.bars() + ")");
            expect(p.note() != null && p.note().contains(Chart.BY_THE_HARNESS), name + ", " + key + ": not labelled as measured by the harness");
        }
        expect(!md.contains("see below"), name + ": report.md says \"see below\"");
        if (full) {
            for (String verdict : ServerChart.verdicts(servers())) {
                expect(verdict != null && verdict.startsWith("Winner at 2,000 connections: ") && verdict.contains(", because "),
                    name + ", HTTP service: no \"Winner ..., because ...\" line (" + verdict + ")");
                expect(verdict == null || md.contains(verdict), name + ", HTTP service: its verdict is not in report.md");
                expect(verdict == null || svg.contains(escape(Chart.wrap(verdict).getFirst())), name + ", HTTP service: its verdict is not on the chart");
            }
        }
        // Tick labels of one axis at least TICK_GAP apart: none overlaps the next.
        Matcher ticks = Pattern.compile("<text x=\"([\\d.]+)\" y=\"([\\d.]+)\" fill=\"#666\" text-anchor=\"middle\">").matcher(svg);
        double lastX = -1, lastY = -1;
        while (ticks.find()) {
            double x = Double.parseDouble(ticks.group(1)), y = Double.parseDouble(ticks.group(2));
            expect(y != lastY || x - lastX >= 40, name + ": tick labels " + Math.round(x - lastX) + " px apart at y=" + y);
            lastX = x;
            lastY = y;
        }
        if (!full) {
            for (String runner : List.of("Ex03", "Ex05")) {
                Runners r = java.util.Arrays.stream(Runners.values()).filter(x -> x.exercise.equals(runner)).findFirst().orElseThrow();
                expect(svg.contains(escape(r.label) + "</text>") && svg.contains("not implemented yet"),
                    name + ": " + r.label + " (not implemented yet) has no row saying so");
            }
            expect(svg.contains(Chart.BY_THE_HARNESS), name + ": the harness's panels are not labelled");
        }
    }

    private void expect(boolean ok, String problem) {
        if (!ok) {
            problems.add(problem);
        }
    }

    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    // ---------------------------------------------------------------- the fixtures

    private static final Noise QUIET = new Noise(0.05, 0, 10);

    private static Measurement m(String scenario, String runner, int units, double median, double low, double high, boolean single) {
        return new Measurement(scenario, runner, units, new Stats(median, low, high, low, high, single ? 1 : 100),
            single ? Measurement.SINGLE_SHOT : Measurement.WARM, QUIET);
    }

    private static CpuResult cpu(String runner, double ofIdeal, double low, double high) {
        Stats call = new Stats(93.6 * ofIdeal, 93.6 * low, 93.6 * high, 93.6 * low, 93.6 * high, 15);
        Stats alone = new Stats(46.8, 46.0, 48.0, 46.0, 48.0, 15);
        return new CpuResult(runner, 4, 2, call, alone, new Stats(ofIdeal, low, high, low, high, 15), 39.0, 38.7, QUIET);
    }

    private static List<ScaleResult> scale() {
        return List.of(
            new ScaleResult("platform", 5000, 5000, "cap", 4950, 652, 39378, 35514, 32658, 16182, 7),
            new ScaleResult("virtual", 200_000, 200_000, "cap", 199_950, 917, 0, 0, 1762, 0, 8),
            new ScaleResult("vertx", 200_000, 200_000, "cap", 199_950, 208, 0, 0, 191, 1, -1));
    }

    static Report.Results full() {
        List<Measurement> ms = List.of(
            m("spawn", "platform", 1000, 183.5, 123.6, 294.1, false),
            m("spawn", "pool", 1000, 0.0658, 0.0657, 0.0658, false),
            m("spawn", "virtual", 1000, 0.2739, 0.2719, 0.2765, false),
            m("spawn", "vertx", 1000, 0.0849, 0.0841, 0.086, false),
            m("spawn", "rxjava", 1000, 0.2307, 0.2299, 0.2314, false),
            m("wait", "platform", 1000, 199.2, 167.5, 356.0, false),
            m("wait", "pool", 1000, 5233.2, 5233.2, 5233.2, true),
            m("wait", "virtual", 1000, 10.83, 10.76, 10.96, false),
            m("wait", "vertx", 1000, 10.78, 10.73, 10.83, false),
            m("wait", "rxjava", 1000, 10.63, 10.60, 10.68, false),
            m("switch", "platform", 20000, 180.6, 152.8, 225.4, false),
            m("switch", "platform-pinned", 20000, 108.1, 87.6, 139.2, false),
            m("switch", "virtual", 20000, 4.854, 4.514, 5.521, false),
            m("switch", "eventloop", 20000, 0.8648, 0.8489, 0.8991, false));
        List<CpuResult> cpu = List.of(cpu("platform", 2.028, 1.661, 2.613), cpu("pool", 2.680, 1.853, 3.739),
            cpu("virtual", 2.166, 1.677, 2.655), cpu("vertx", 1.938, 1.836, 2.116), cpu("rxjava", 1.115, 1.004, 1.563));
        return new Report.Results("quick", true, "solutions/module-05-benchmarks/src/main/java", 180, ms, cpu, List.of(), scale(),
            List.of(), QUIET, "1.0", "1.2");
    }

    /** The HTTP service on a quiet 8-core machine: the pools at their ceiling, the others near N / (W + C). */
    static ServerScenario.Outcome servers() {
        List<ServerResult> results = new ArrayList<>();
        double[][] rps = {{990, 1_990, 1_985}, {985, 9_400, 12_100}, {988, 1_985, 1_990}, {992, 9_700, 12_800}, {980, 9_100, 11_700}};
        double[][] p99 = {{112, 560, 1_080}, {115, 140, 190}, {113, 570, 1_070}, {110, 125, 170}, {118, 150, 205}};
        String[] models = {"pool", "virtual", "vertx-worker", "vertx", "vertx-virtual"};
        int[] levels = {100, 1_000, 2_000};
        for (int m = 0; m < models.length; m++) {
            for (int l = 0; l < 3; l++) {
                long requests = Math.round(rps[m][l] * 3);
                results.add(new ServerResult(models[m], levels[l], levels[l], 3, requests, p99[m][l] / 2, p99[m][l] * 0.8, p99[m][l], p99[m][l] * 1.1,
                    p99[m][l] * 1.2, p99[m][l] / 2, 0, 1.5, 0.8, 0.05, new BusiestThread("vert.x-eventloop", 0.4), 0, 0.3, Double.NaN));
            }
        }
        return new ServerScenario.Outcome("quick", 100, 80_000, 155.5, 8, 200, 2, 3, 19_706, null, results, List.of(), 0);
    }

    /** A learner's run: Ex03 (virtual) and Ex05 (RxJava) not implemented yet, so not measured. */
    static Report.Results partial() {
        Report.Results all = full();
        List<Measurement> ms = all.measurements().stream().filter(x -> !x.runner().equals("virtual") && !x.runner().equals("rxjava")).toList();
        List<CpuResult> cpu = all.cpu().stream().filter(x -> !x.runner().equals("virtual") && !x.runner().equals("rxjava")).toList();
        List<NotReady> notReady = new ArrayList<>();
        for (String scenario : List.of("spawn", "wait", "cpu")) {
            notReady.add(new NotReady(scenario, "virtual", "Ex03 not implemented yet: start a virtual thread per unit"));
            notReady.add(new NotReady(scenario, "rxjava", "Ex05 not implemented yet: run the units on the computation scheduler"));
        }
        notReady.add(new NotReady("switch", "virtual", "Ex06 not implemented yet: virtualThreads"));
        return new Report.Results("quick", false, "module-05-benchmarks/src/main/java", 150, ms, cpu, List.of(), all.scale(),
            notReady, QUIET, "1.0", "1.2");
    }
}
