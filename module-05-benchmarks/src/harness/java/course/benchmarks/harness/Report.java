package course.benchmarks.harness;

import course.benchmarks.MixingLoop;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Turns the measurements into what a person reads: the scenario tables, "published claim vs your
 * machine", the targets, the noise check (console and report.md), results.json and chart.svg.
 */
public final class Report {

    /** Published figures (shared/curriculum.md): threads vs tokio, 12-core laptop, median of 5 runs. */
    static final double PUB_SPAWN_THREADS = 14.24;
    static final double PUB_SPAWN_ASYNC = 0.42;
    static final double PUB_WAIT_THREADS = 27.07;
    static final double PUB_WAIT_ASYNC = 14.39;
    static final double PUB_CPU_THREADS = 91.75;
    static final double PUB_CPU_ASYNC = 99.58;
    static final double PUB_CPU_BLOCKING = 91.28;

    /** The runners a lightweight unit comes from: the JVM's "async" answers. */
    static final List<String> LIGHTWEIGHT = List.of("virtual", "vertx", "rxjava");

    private final String mode;
    private final boolean reference;
    private final String code;
    private final List<Measurement> measurements;
    private final List<ScaleResult> scale;
    private final double otherCores;
    private final String loadBefore;
    private final String loadAfter;
    private final double wallSeconds;
    private final List<String> markdown = new ArrayList<>();
    private final StringBuilder console = new StringBuilder();

    Report(String mode, boolean reference, String code, List<Measurement> measurements, List<ScaleResult> scale,
           double otherCores, String loadBefore, String loadAfter, double wallSeconds) {
        this.mode = mode;
        this.reference = reference;
        this.code = code;
        this.measurements = measurements;
        this.scale = scale;
        this.otherCores = otherCores;
        this.loadBefore = loadBefore;
        this.loadAfter = loadAfter;
        this.wallSeconds = wallSeconds;
        build();
    }

    String console() {
        return console.toString();
    }

    void writeTo(Path dir) throws IOException {
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("report.md"), String.join("\n", markdown) + "\n");
        Files.writeString(dir.resolve("results.json"), withServers(json()).encodePrettily() + "\n");
        Files.writeString(dir.resolve("chart.svg"), withServers(Chart.svg(measurements, cpuIdealMs(), title(), "Noise: " + noise())));
    }

    // ---------------------------------------------------------------- the HTTP service (Ex07): a section after the others

    private ServerScenario.Outcome servers;

    /** Adds the HTTP service's tables after the others (console and report.md, above the chart), its figures and its panels. */
    Report withServers(ServerScenario.Outcome outcome) {
        this.servers = outcome;
        String chart = markdown.remove(markdown.size() - 1); // the chart stays last in report.md
        ServerReport.write(outcome, new ServerReport.Out() {
            @Override
            public void heading(String text) {
                Report.this.heading(text);
            }

            @Override
            public void line(String text) {
                Report.this.line(text);
            }

            @Override
            public void table(List<String> header, List<List<String>> rows) {
                Report.this.table(header, rows);
            }
        });
        line("");
        markdown.add(chart);
        return this;
    }

    private JsonObject withServers(JsonObject json) {
        return servers == null ? json : json.put("servers", ServerReport.json(servers));
    }

    private String withServers(String svg) {
        return servers == null ? svg : ServerChart.appendTo(svg, servers);
    }

    // ---------------------------------------------------------------- the figures the tables need

    Optional<Measurement> find(String scenario, String runner) {
        return measurements.stream().filter(m -> m.scenario().equals(scenario) && m.runner().equals(runner)).findFirst();
    }

    private double median(String scenario, String runner) {
        return find(scenario, runner).map(Measurement::medianMs).orElse(Double.NaN);
    }

    /** The fastest lightweight runner of a scenario, by median. */
    private Optional<Measurement> bestLightweight(String scenario) {
        return measurements.stream()
            .filter(m -> m.scenario().equals(scenario) && LIGHTWEIGHT.contains(m.runner()))
            .min((a, b) -> Double.compare(a.medianMs(), b.medianMs()));
    }

    /** The CPU scenario's physical limit: every unit run sequentially, shared perfectly between the cores. */
    double cpuIdealMs() {
        return median("cpu", "sequential") * MixingLoop.cpuUnits() / Machine.cores();
    }

    private Optional<ScaleResult> scaleOf(String model) {
        return scale.stream().filter(s -> s.model().equals(model)).findFirst();
    }

    private String title() {
        return String.format(Locale.ROOT, "%s runners, %s mode, %d cores, JDK %s",
            reference ? "Reference" : "Your", mode, Machine.cores(), Runtime.version().feature());
    }

    // ---------------------------------------------------------------- tables

    private void build() {
        line("# Threads vs async on this machine");
        line("");
        line("- Runners: " + (reference ? "the reference solutions" : "your code") + " (`" + code + "`)");
        line("- JDK: " + Machine.jdk());
        line("- Machine: " + Machine.cores() + " cores, " + Machine.cpuModel() + ", " + Machine.os());
        line("- Mode: " + mode + "; suite wall time " + String.format(Locale.ROOT, "%.0f s", wallSeconds));
        line("- Noise: " + noise());
        line("- Date: " + Instant.now());
        line("");
        line("Median of many calls (JMH SampleTime, after warm-up). Error = half-width of JMH's 99.9% confidence "
            + "interval of the mean. Ratio = this runner's median / the platform-thread runner's median.");

        int cpuUnits = MixingLoop.cpuUnits();
        scenario("spawn", "Spawn: 1,000 units, each returns its id", "ms", null);
        scenario("wait", "Wait: 1,000 units, each waits 10 ms", "ms",
            "Physical limit: 10 ms (no unit can finish before its wait).");
        scenario("cpu", String.format(Locale.ROOT, "CPU: %d units x %,d mixing rounds, never yielding", cpuUnits,
                MixingLoop.PUBLISHED_ROUNDS), "ms",
            String.format(Locale.ROOT, "Physical limit: %d units x %.2f ms (one unit, sequential) / %d cores = %.2f ms.",
                cpuUnits, median("cpu", "sequential"), Machine.cores(), cpuIdealMs()));
        if (measurements.stream().anyMatch(m -> m.scenario().equals("cpu") && !m.runner().equals("sequential")
            && m.medianMs() < cpuIdealMs())) {
            line("");
            line("A runner below the limit means the machine's load changed between the measurements (see Noise): "
                + "the sequential unit was timed while the CPU was busier.");
        }
        scenario("switch", "Switch: ping-pong between two units, 10,000 round trips (20,000 switches)", "ms", null);
        scaleTable();
        claims();
        targets();
        line("");
        line("![chart](chart.svg)");
    }

    private void scenario(String scenario, String title, String unit, String limit) {
        double platform = median(scenario, "platform");
        boolean isSwitch = scenario.equals("switch");
        heading(title);
        table(List.of("runner", "median", "error", "vs platform", isSwitch ? "us/switch" : "us/unit"),
            measurements.stream().filter(m -> m.scenario().equals(scenario)).map(m -> List.of(
                label(m.scenario(), m.runner()),
                fmt(m.medianMs()) + " " + unit,
                "± " + fmt(m.errorMs()) + " " + unit,
                ratio(m.medianMs() / platform),
                fmt(m.microsPerUnit()))).toList());
        if (limit != null) {
            line("");
            line(limit);
        }
    }

    private void scaleTable() {
        heading("Scale: most units waiting at once in a JVM with -Xmx512m (capped to keep the machine safe)");
        table(List.of("model", "units reached", "cap", "stopped by", "resident per unit"),
            scale.stream().map(s -> List.of(
                label("scale", s.model()),
                String.format(Locale.ROOT, "%,d", s.reached()),
                String.format(Locale.ROOT, "%,d", s.cap()),
                s.stoppedBy(),
                s.bytesPerUnit() < 0 ? "?" : bytes(s.bytesPerUnit()))).toList());
    }

    private void claims() {
        heading("Published claim vs your machine (compare the ratios: the published machine is not yours)");
        List<List<String>> rows = new ArrayList<>();
        Optional<Measurement> spawnBest = bestLightweight("spawn");
        rows.add(claim("creation, us per unit", 17, 0.3,
            find("spawn", "platform").map(Measurement::microsPerUnit).orElse(Double.NaN),
            spawnBest.map(Measurement::microsPerUnit).orElse(Double.NaN), spawnBest.map(Measurement::runner).orElse("?")));
        rows.add(claim("context switch, us", 1.7, 0.2,
            find("switch", "platform").map(Measurement::microsPerUnit).orElse(Double.NaN),
            find("switch", "eventloop").map(Measurement::microsPerUnit).orElse(Double.NaN), "eventloop"));
        Optional<ScaleResult> platformScale = scaleOf("platform");
        Optional<ScaleResult> lightScale = scale.stream().filter(s -> !s.model().equals("platform") && s.bytesPerUnit() >= 0)
            .min((a, b) -> Long.compare(a.bytesPerUnit(), b.bytesPerUnit()));
        rows.add(List.of("resident memory per waiting unit", "~9.5 + 10 KiB kernel", "~0.4 KiB",
            platformScale.map(s -> bytes(s.bytesPerUnit()) + " (user only)").orElse("?"),
            lightScale.map(s -> bytes(s.bytesPerUnit()) + " (" + s.model() + ")").orElse("?"), "~49x",
            ratio(platformScale.map(ScaleResult::bytesPerUnit).orElse(-1L), lightScale.map(ScaleResult::bytesPerUnit).orElse(-1L))));
        rows.add(List.of("most units reached", "~80k", "~250k",
            platformScale.map(Report::reachedText).orElse("?"),
            scaleOf("virtual").map(s -> reachedText(s) + " (virtual)").orElse("?"), "-", "-"));
        rows.add(claim("spawn 1,000, ms", PUB_SPAWN_THREADS, PUB_SPAWN_ASYNC, median("spawn", "platform"),
            spawnBest.map(Measurement::medianMs).orElse(Double.NaN), spawnBest.map(Measurement::runner).orElse("?")));
        Optional<Measurement> waitBest = bestLightweight("wait");
        rows.add(claim("wait 1,000 x 10 ms, ms", PUB_WAIT_THREADS, PUB_WAIT_ASYNC, median("wait", "platform"),
            waitBest.map(Measurement::medianMs).orElse(Double.NaN), waitBest.map(Measurement::runner).orElse("?")));
        rows.add(claim("CPU, threads vs tokio::spawn / rxjava, ms", PUB_CPU_THREADS, PUB_CPU_ASYNC,
            median("cpu", "platform"), median("cpu", "rxjava"), "rxjava"));
        rows.add(claim("CPU, threads vs spawn_blocking / executeBlocking, ms", PUB_CPU_THREADS, PUB_CPU_BLOCKING,
            median("cpu", "platform"), median("cpu", "vertx"), "vertx"));
        table(List.of("measure", "published threads", "published async", "yours: threads", "yours: lightweight",
            "published ratio", "your ratio"), rows);
    }

    private List<String> claim(String what, double pubThreads, double pubAsync, double threads, double light, String lightName) {
        return List.of(what, fmt(pubThreads), fmt(pubAsync), fmt(threads), fmt(light) + " (" + lightName + ")",
            String.format(Locale.ROOT, "%.1fx", pubThreads / pubAsync), String.format(Locale.ROOT, "%.1fx", threads / light));
    }

    private void targets() {
        heading("Targets (met on a quiet machine; measured here, never asserted)");
        List<List<String>> rows = new ArrayList<>();
        Optional<Measurement> waitBest = bestLightweight("wait");
        double waitRatio = waitBest.map(m -> m.medianMs() / BenchmarkSuite.WAIT_MILLIS).orElse(Double.NaN);
        rows.add(List.of("best lightweight wait <= 1.15 x 10 ms",
            String.format(Locale.ROOT, "%.3fx (%s)", waitRatio, waitBest.map(Measurement::runner).orElse("?")),
            verdict(waitRatio <= 1.15)));
        Optional<Measurement> spawnBest = measurements.stream().filter(m -> m.scenario().equals("spawn"))
            .min((a, b) -> Double.compare(a.medianMs(), b.medianMs()));
        double spawnMicros = spawnBest.map(Measurement::microsPerUnit).orElse(Double.NaN);
        rows.add(List.of("cheapest spawn < 1 us per unit",
            String.format(Locale.ROOT, "%.2f us (%s)", spawnMicros, spawnBest.map(Measurement::runner).orElse("?")),
            verdict(spawnMicros < 1)));
        for (Runners runner : Runners.values()) {
            double ofIdeal = median("cpu", runner.key) / cpuIdealMs();
            rows.add(List.of("CPU " + runner.key + " within 3% of the ideal",
                String.format(Locale.ROOT, "%.3fx the ideal", ofIdeal), nearLimitVerdict(ofIdeal, 0.03)));
        }
        if (mode.equals("quick")) {
            rows.add(List.of("quick suite in <= 3 minutes", String.format(Locale.ROOT, "%.0f s (plus the build)", wallSeconds),
                verdict(wallSeconds <= 180)));
        }
        table(List.of("target", "measured", "met?"), rows);
    }

    private String noise() {
        if (otherCores < 0) {
            return "unknown (no /proc on this system); load average " + loadBefore + " -> " + loadAfter;
        }
        String verdict = otherCores < 0.1 ? "quiet" : otherCores < 0.5 ? "some noise" : "NOISY, the figures are inflated";
        return String.format(Locale.ROOT, "%s: other processes used %.2f of %d cores on average during the run "
            + "(load average %s -> %s)", verdict, otherCores, Machine.cores(), loadBefore, loadAfter);
    }

    private static String verdict(boolean met) {
        return met ? "yes" : "no";
    }

    /** Within {@code tolerance} of a physical limit; a figure clearly below the limit is noise, not a success. */
    private static String nearLimitVerdict(double ofLimit, double tolerance) {
        return ofLimit < 1 - tolerance ? "no: below the limit, so the load changed (see Noise)" : verdict(ofLimit <= 1 + tolerance);
    }

    private static String reachedText(ScaleResult s) {
        return String.format(Locale.ROOT, "%,d%s", s.reached(), s.hitCap() ? " (cap)" : "");
    }

    /** 2.5x, 0.59x, or 1/1900 for the very small ratios (1/1900 of the platform runner's time). */
    static String ratio(double ratio) {
        if (Double.isNaN(ratio)) {
            return "?";
        }
        return ratio >= 0.1 ? fmt(ratio) + "x" : "1/" + fmt(1 / ratio);
    }

    private static String ratio(long threads, long light) {
        return threads > 0 && light > 0 ? String.format(Locale.ROOT, "%.1fx", (double) threads / light) : "?";
    }

    /** How a runner is named in a table row: the model, in the words of that scenario. */
    static String label(String scenario, String runner) {
        return switch (scenario + "/" + runner) {
            case "switch/platform" -> "two platform threads";
            case "switch/virtual" -> "two virtual threads";
            case "switch/eventloop" -> "two tasks on one event loop";
            case "scale/platform" -> "platform threads";
            case "scale/virtual" -> "virtual threads";
            case "scale/vertx" -> "Vert.x timers";
            case "cpu/sequential" -> "one unit, sequential";
            default -> Runners.byKey(runner).label;
        };
    }

    static String fmt(double value) {
        if (Double.isNaN(value)) {
            return "?";
        }
        if (value >= 100) {
            return String.format(Locale.ROOT, "%.0f", value);
        }
        // Three significant digits, never scientific notation: 12.3, 1.23, 0.123, 0.000123.
        return new java.math.BigDecimal(value).round(new java.math.MathContext(3)).stripTrailingZeros().toPlainString();
    }

    static String bytes(long bytes) {
        return bytes >= 1024 ? String.format(Locale.ROOT, "%.1f KiB", bytes / 1024.0) : bytes + " B";
    }

    // ---------------------------------------------------------------- output

    private void line(String text) {
        markdown.add(text);
        if (!text.startsWith("![")) {
            console.append(text.replace("`", "")).append('\n');
        }
    }

    private void heading(String text) {
        markdown.add("");
        markdown.add("## " + text);
        markdown.add("");
        console.append('\n').append(text).append('\n');
    }

    /** A Markdown table in the report, and the same aligned in plain text on the console. */
    private void table(List<String> header, List<List<String>> rows) {
        markdown.add("| " + String.join(" | ", header) + " |");
        markdown.add("|" + "---|".repeat(header.size()));
        rows.forEach(row -> markdown.add("| " + String.join(" | ", row) + " |"));
        int[] widths = new int[header.size()];
        for (List<String> row : concat(header, rows)) {
            for (int i = 0; i < row.size(); i++) {
                widths[i] = Math.max(widths[i], row.get(i).length());
            }
        }
        for (List<String> row : concat(header, rows)) {
            StringBuilder text = new StringBuilder("  ");
            for (int i = 0; i < row.size(); i++) {
                String cell = row.get(i);
                text.append(i == 0 ? pad(cell, widths[i]) : padLeft(cell, widths[i])).append("  ");
            }
            console.append(text.toString().stripTrailing()).append('\n');
        }
    }

    private static List<List<String>> concat(List<String> header, List<List<String>> rows) {
        List<List<String>> all = new ArrayList<>();
        all.add(header);
        all.addAll(rows);
        return all;
    }

    private static String pad(String text, int width) {
        return text + " ".repeat(width - text.length());
    }

    private static String padLeft(String text, int width) {
        return " ".repeat(width - text.length()) + text;
    }

    private JsonObject json() {
        JsonArray results = new JsonArray();
        measurements.forEach(m -> results.add(new JsonObject()
            .put("scenario", m.scenario()).put("runner", m.runner()).put("units", m.units())
            .put("medianMs", m.medianMs()).put("meanMs", m.meanMs()).put("errorMs", m.errorMs())
            .put("samples", m.samples()).put("microsPerUnit", m.microsPerUnit())));
        JsonArray scaleJson = new JsonArray();
        scale.forEach(s -> scaleJson.add(new JsonObject()
            .put("model", s.model()).put("cap", s.cap()).put("reached", s.reached())
            .put("stoppedBy", s.stoppedBy()).put("residentBytesPerUnit", s.bytesPerUnit())));
        return new JsonObject()
            .put("code", reference ? "reference" : "yours")
            .put("sources", code)
            .put("mode", mode)
            .put("date", Instant.now().toString())
            .put("machine", new JsonObject()
                .put("jdk", Machine.jdk()).put("cores", Machine.cores()).put("cpu", Machine.cpuModel()).put("os", Machine.os())
                .put("otherProcessesCores", otherCores).put("loadBefore", loadBefore).put("loadAfter", loadAfter))
            .put("wallSeconds", wallSeconds)
            .put("cpuUnits", MixingLoop.cpuUnits())
            .put("cpuIdealMs", cpuIdealMs())
            .put("results", results)
            .put("scale", scaleJson);
    }
}
