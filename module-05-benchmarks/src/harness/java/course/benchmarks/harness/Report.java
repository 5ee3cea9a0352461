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
import java.util.stream.Stream;

/**
 * Turns the suite's results into what a person reads: one table per scenario, the scale probe,
 * "published claim vs your machine", the targets, the noise check and the sources (console and
 * report.md), results.json and chart.svg.
 *
 * <p>The report is a list of sections ({@link #sections()}): a new scenario adds its table there,
 * its figures to {@link #json()} and its panels to {@link Chart#panels}.
 */
public final class Report {

    /** Everything the suite measured, for the report. */
    record Results(String mode, boolean reference, String code, double wallSeconds, List<Measurement> measurements,
                   List<CpuResult> cpu, List<ColdResult> cold, List<ScaleResult> scale, List<NotReady> notReady,
                   Noise overall, String loadBefore, String loadAfter) {
    }

    // ---------------------------------------------------------------- the published figures and their sources

    /** [A]: Ratul Dawar's tokio-vs-thread-spawning. */
    static final String SOURCE_A = "[A] \"Async Runtimes vs Threads in Rust: Which Is Better, and When?\" (Ratul Dawar), crate "
        + "tokio-vs-thread-spawning in https://github.com/RatulDawar/rust-experiments: Rust std::thread vs a tokio multi-thread "
        + "runtime (one worker per core), on a 12-core laptop; each figure the median of 5 runs in one process, no warm-up.";
    /** [B]: Jim Blandy's context-switch. */
    static final String SOURCE_B = "[B] https://github.com/jimblandy/context-switch (Jim Blandy): Rust threads vs tokio async tasks "
        + "on a Linux laptop with 4 cores (two-way hyper-threading, 8 logical CPUs) and 32 GiB; switches timed through "
        + "500-task \"bucket brigades\" (the ~0.2 us async figure: tokio mpsc channels on a single-threaded runtime; through "
        + "pipes, threads and tasks both ~1.7 us), memory per task from the resident set at several task counts.";

    static final double PUB_SPAWN_THREADS = 14.24;
    static final double PUB_SPAWN_ASYNC = 0.42;
    static final double PUB_WAIT_THREADS = 27.07;
    static final double PUB_WAIT_ASYNC = 14.39;
    static final double PUB_CPU_THREADS = 91.75;
    static final double PUB_CPU_ASYNC = 99.58;
    static final double PUB_CPU_BLOCKING = 91.28;
    static final double PUB_SWITCH_THREADS_US = 1.7;
    static final double PUB_SWITCH_ASYNC_US = 0.2;
    static final double PUB_CREATE_THREAD_US = 17;
    static final double PUB_CREATE_TASK_US = 0.3;

    /**
     * The JVM runner that stands for each Rust counterpart, fixed (never "the fastest of three"):
     * a tokio task is a unit multiplexed by a work-stealing scheduler on one worker thread per core,
     * like a virtual thread on its ForkJoinPool carriers; spawn_blocking moves work to a separate
     * pool of threads, like Vert.x's executeBlocking.
     */
    static final String THREADS_RUNNER = "platform";
    static final String TOKIO_SPAWN_RUNNER = "virtual";
    static final String SPAWN_BLOCKING_RUNNER = "vertx";

    private final Results results;
    private final List<String> markdown = new ArrayList<>();
    private final StringBuilder console = new StringBuilder();

    Report(Results results) {
        this.results = results;
        for (Runnable section : sections()) {
            section.run();
        }
    }

    /** The report, top to bottom. A new scenario's table goes in here, before the claims. */
    private List<Runnable> sections() {
        return List.of(this::header, this::notMeasured, this::spawnTable, this::waitTable, this::cpuTable, this::switchTable,
            this::scaleTable, this::claims, this::targets, this::sources);
    }

    String console() {
        return console.toString();
    }

    void writeTo(Path dir) throws IOException {
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("report.md"), String.join("\n", markdown) + "\n");
        Files.writeString(dir.resolve("results.json"), withServers(json()).encodePrettily() + "\n");
        Files.writeString(dir.resolve("chart.svg"), withServers(Chart.svg(this, title(), "Noise: " + noiseShort())));
    }

    // ---------------------------------------------------------------- the HTTP service (Ex07): a section after the others

    private ServerScenario.Outcome servers;

    /** Adds the HTTP service's tables after the others (console and report.md, above the chart), its figures and its panels. */
    Report withServers(ServerScenario.Outcome outcome) {
        if (outcome == null) {
            return this; // not measured: the "Not measured" table says why
        }
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
        for (String verdict : ServerChart.verdicts(outcome)) {
            if (verdict != null) {
                line("");
                line(verdict);
            }
        }
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

    // ---------------------------------------------------------------- lookups

    Results results() {
        return results;
    }

    Optional<Measurement> find(String scenario, String runner) {
        return results.measurements().stream().filter(m -> m.scenario().equals(scenario) && m.runner().equals(runner)).findFirst();
    }

    private double median(String scenario, String runner) {
        return find(scenario, runner).map(Measurement::medianMs).orElse(Double.NaN);
    }

    Optional<CpuResult> cpu(String runner) {
        return results.cpu().stream().filter(c -> c.runner().equals(runner)).findFirst();
    }

    Optional<ColdResult> cold(String scenario, String runner) {
        return results.cold().stream().filter(c -> c.scenario().equals(scenario) && c.runner().equals(runner) && c.measured()).findFirst();
    }

    private Optional<NotReady> notReady(String scenario, String runner) {
        return results.notReady().stream().filter(n -> n.scenario().equals(scenario) && n.runner().equals(runner)).findFirst();
    }

    private Optional<ScaleResult> scaleOf(String model) {
        return results.scale().stream().filter(s -> s.model().equals(model)).findFirst();
    }

    private String title() {
        return String.format(Locale.ROOT, "%s runners, %s mode, %d cores, JDK %s",
            results.reference() ? "Reference" : "Your", results.mode(), Machine.cores(), Runtime.version().feature());
    }

    // ---------------------------------------------------------------- sections

    private void header() {
        line("# Threads vs async on this machine");
        line("");
        line("- Runners: " + (results.reference() ? "the reference solutions" : "your code") + " (`" + results.code() + "`)");
        line("- JDK: " + Machine.jdk());
        line("- Machine: " + Machine.cores() + " cores, " + Machine.cpuModel() + ", " + Machine.os());
        line("- Mode: " + results.mode() + "; suite wall time " + String.format(Locale.ROOT, "%.0f s", results.wallSeconds()));
        line("- Noise: " + noiseSummary());
        line("- Date: " + Instant.now());
        line("");
        line("Times are per call, in ms. median = the middle call; 95% CI = the 95% confidence interval of that median "
            + "(order statistics); cold = the first call in a fresh JVM (median of 5 JVMs); noise = cores other processes "
            + "used while that row ran ((!) some, (!!) noisy: that row is inflated). The module's METHOD.md explains every column.");
    }

    private String noiseSummary() {
        Noise overall = results.overall();
        List<Noise> rows = new ArrayList<>();
        results.measurements().forEach(m -> rows.add(m.noise()));
        results.cpu().forEach(c -> rows.add(c.noise()));
        Noise worst = Noise.worst(rows);
        if (!overall.known()) {
            return "unknown (no /proc on this system); load average " + results.loadBefore() + " -> " + results.loadAfter();
        }
        String steal = overall.stealCores() >= 0.01 ? String.format(Locale.ROOT, ", the hypervisor stole %.2f", overall.stealCores()) : "";
        return String.format(Locale.ROOT, "%s: other processes used %.2f of %d cores on average%s (worst row %s); "
                + "load average %s -> %s (it counts this suite's own threads too)",
            overall.level(), overall.otherCores(), Machine.cores(), steal, worst.known() ? worst.cell() : "?",
            results.loadBefore(), results.loadAfter());
    }

    /** The noise in a few words, for the chart. */
    private String noiseShort() {
        Noise overall = results.overall();
        return overall.known()
            ? String.format(Locale.ROOT, "%s (other processes used %.2f of %d cores on average; see report.md for each row)",
                overall.level(), overall.otherCores(), Machine.cores())
            : "unknown (no /proc on this system)";
    }

    private void notMeasured() {
        if (results.notReady().isEmpty()) {
            return;
        }
        heading("Not measured: these runners did not pass their check");
        table(List.of("scenario", "runner", "why"), results.notReady().stream()
            .map(n -> List.of(n.scenario(), label(n.scenario(), n.runner()), n.problem())).toList());
        line("");
        line("Make their tests pass (`./mvnw -pl module-05-benchmarks test`) and run the suite again: the rest was measured.");
    }

    private void spawnTable() {
        heading("Spawn: 1,000 units, each returns its id");
        table(List.of("runner", "median", "95% CI", "vs platform", "us/unit", "cold: 1st call", "noise"),
            runnerRows("spawn", m -> List.of(fmt(m.microsPerUnit())), "spawn"));
        winner("spawn");
    }

    /** The panel's "Winner: ..., because ..." line (the same as on the chart), under its table. */
    private void winner(String panel) {
        Chart.verdict(this, panel).ifPresent(v -> {
            line("");
            line(v);
        });
    }

    private void waitTable() {
        heading("Wait: 1,000 units, each waits 10 ms");
        table(List.of("runner", "median", "95% CI", "vs platform", "us/unit", "cold: 1st call", "noise"),
            runnerRows("wait", m -> List.of(fmt(m.microsPerUnit())), "wait"));
        line("");
        line("Physical limit: 10 ms (no unit can finish before its wait).");
        find("wait", "pool").ifPresent(pool -> line(String.format(Locale.ROOT,
            "The fixed pool blocks one of its %d threads per wait: 1,000 x 10 ms / %d = %s ms expected; one call measured "
                + "(single shot: a call takes seconds and only sleeps, so there is nothing to warm up and no spread to speak of).",
            Machine.cores(), Machine.cores(), fmt(1000.0 * BenchmarkSuite.WAIT_MILLIS / Machine.cores()))));
        winner("wait");
    }

    /** The rows of a spawn or wait table: measured runners, then the ones not measured. */
    private List<List<String>> runnerRows(String scenario, java.util.function.Function<Measurement, List<String>> perUnit,
                                          String coldScenario) {
        double platform = median(scenario, "platform");
        List<List<String>> rows = new ArrayList<>();
        for (Runners runner : Runners.values()) {
            Optional<Measurement> measured = find(scenario, runner.key);
            if (measured.isPresent()) {
                Measurement m = measured.get();
                List<String> row = new ArrayList<>(List.of(label(scenario, m.runner()), fmt(m.medianMs()) + " ms", interval(m.stats(), m.singleShot()),
                    ratio(m.medianMs() / platform)));
                row.addAll(perUnit.apply(m));
                row.add(cold(coldScenario, m.runner()).map(c -> fmt(c.first().median()) + " ms").orElse("-"));
                row.add(m.noise().cell());
                rows.add(row);
            } else {
                rows.add(notMeasuredRow(scenario, runner.key, 7));
            }
        }
        return rows;
    }

    private List<String> notMeasuredRow(String scenario, String runner, int columns) {
        List<String> row = new ArrayList<>();
        row.add(label(scenario, runner));
        row.add(notReady(scenario, runner).map(n -> n.problem().contains("not implemented yet") ? "not implemented yet" : "not measured")
            .orElse("not measured"));
        while (row.size() < columns) {
            row.add("");
        }
        return row;
    }

    private void cpuTable() {
        int units = MixingLoop.cpuUnits();
        heading(String.format(Locale.ROOT, "CPU: %d units x %,d mixing rounds, never yielding", units, MixingLoop.PUBLISHED_ROUNDS));
        List<List<String>> rows = new ArrayList<>();
        for (Runners runner : Runners.values()) {
            Optional<CpuResult> measured = cpu(runner.key);
            if (measured.isPresent()) {
                CpuResult c = measured.get();
                rows.add(List.of(label("cpu", c.runner()), fmt(c.call().median()) + " ms", interval(c.call(), false),
                    fmt(c.idealMs()) + " ms", ratio(c.ofIdeal().median()) + " " + ratioInterval(c.ofIdeal()),
                    fmt(c.cpuPerUnitMs()) + " / " + fmt(c.aloneCpuMs()) + " ms", c.noise().cell()));
            } else {
                rows.add(notMeasuredRow("cpu", runner.key, 7));
            }
        }
        table(List.of("runner", "median", "95% CI", "ideal", "vs ideal (95% CI)", "CPU per unit / alone", "noise"), rows);
        line("");
        line(String.format(Locale.ROOT, "Ideal (the physical limit) = one unit alone on one thread x %d units / %d cores, timed "
            + "in the same JVM as each runner, alternating with its calls (%s rounds). CPU per unit = the CPU time the calls used / "
            + "units, next to the CPU time of one unit alone (both added up over the rounds): equal means the units ran as fast "
            + "side by side as alone.",
            units, Machine.cores(), results.cpu().isEmpty() ? "?" : Long.toString(results.cpu().getFirst().call().n())));
        winner("cpu");
    }

    private void switchTable() {
        heading("Switch: ping-pong between two units, 10,000 round trips (20,000 switches)");
        double platform = median("switch", "platform");
        List<List<String>> rows = new ArrayList<>();
        for (String model : List.of("platform", "platform-pinned", "virtual", "eventloop")) {
            Optional<Measurement> measured = find("switch", model);
            if (measured.isPresent()) {
                Measurement m = measured.get();
                rows.add(List.of(label("switch", model), fmt(m.medianMs()) + " ms", interval(m.stats(), false), ratio(m.medianMs() / platform),
                    fmt(m.microsPerUnit()), m.noise().cell()));
            } else if (!model.equals("platform-pinned")) {
                rows.add(notMeasuredRow("switch", model, 6));
            }
        }
        table(List.of("runner", "median", "95% CI", "vs platform", "us/switch", "noise"), rows);
        line("");
        line("Unpinned, the two platform threads sit on two cores and SynchronousQueue spins briefly before it parks: "
            + "part of that figure is a cross-core hand-off, not a kernel switch. Pinned to one CPU (taskset -c 0), every pass "
            + "is a real switch on that CPU: compare that row with [B]'s pinned runs. The event-loop rally is a same-thread "
            + "hand-over with no thread switch, as [B]'s ~0.2 us async figure is (tokio tasks passing a value through mpsc "
            + "channels on a single-threaded runtime): compare those two. When the switch is driven by I/O readiness, [B] found "
            + "threads and async tasks converge to ~1.7 us.");
        if (find("switch", "platform-pinned").isEmpty() && find("switch", "platform").isPresent()) {
            line("(Not pinned: taskset is not available on this system.)");
        }
        winner("switch");
    }

    private void scaleTable() {
        heading("Scale: most units waiting at once, and what each costs (JVM with -Xms512m -Xmx512m)");
        table(List.of("model", "units waiting at once", "stopped because", "live heap", "native thread (NMT)", "kernel stack",
                "RSS", "stack depth"),
            results.scale().stream().map(s -> List.of(
                label("scale", s.model()),
                String.format(Locale.ROOT, "%,d", s.reached()),
                s.hitCap() ? String.format(Locale.ROOT, "it reached the cap (%,d) we set", s.cap()) : s.stoppedBy(),
                bytes(s.heapPerUnit()),
                s.model().equals("platform") ? bytes(s.nmtThreadPerUnit()) : "-",
                s.model().equals("platform") ? bytes(s.kernelStackPerUnit()) : "-",
                bytes(s.rssPerUnit()),
                s.stackDepth() < 0 ? "-" : s.stackDepth() + " frames")).toList());
        line("");
        line("Per waiting unit, after a full GC, over the units added after a warm-up of 50. Live heap: what the unit keeps "
            + "on the Java heap (a parked virtual thread's stack is copied there). Native thread (NMT): the JVM's own memory "
            + "for a platform thread, mostly the touched part of its stack. Kernel stack: KernelStack in /proc/meminfo, "
            + "16 KiB per thread on x86-64 Linux, counted machine-wide (other processes' threads move it too). RSS: resident "
            + "memory of the probe JVM (user space only, never the kernel stack). A deeper stack costs more per unit.");
        line("");
        line("These figures come from the harness's own probe (ScaleProbe: its own platform threads, virtual threads and Vert.x "
            + "timers), not from the runners" + (results.reference() ? "." : ": your runners do not change them."));
        winner("scale");
        winner("rss");
        winner("heap");
    }

    private void claims() {
        heading("Published claim vs your machine (compare the ratios: the published machines are not yours)");
        List<List<String>> rows = new ArrayList<>();
        rows.add(claimRow("spawn 1,000 units, ms [A]", PUB_SPAWN_THREADS, PUB_SPAWN_ASYNC, "spawn", TOKIO_SPAWN_RUNNER));
        rows.add(claimRow("wait 1,000 x 10 ms, ms [A]", PUB_WAIT_THREADS, PUB_WAIT_ASYNC, "wait", TOKIO_SPAWN_RUNNER));
        rows.add(cpuClaimRow("CPU, threads vs tokio::spawn, ms [A]", PUB_CPU_ASYNC, TOKIO_SPAWN_RUNNER));
        rows.add(cpuClaimRow("CPU, threads vs spawn_blocking, ms [A]", PUB_CPU_BLOCKING, SPAWN_BLOCKING_RUNNER));
        double platformSwitch = find("switch", "platform").map(Measurement::microsPerUnit).orElse(Double.NaN);
        // [B]'s async switch is tasks on one thread (a single-threaded runtime, in-memory channels): the event-loop rally
        double loopSwitch = find("switch", "eventloop").map(Measurement::microsPerUnit).orElse(Double.NaN);
        rows.add(List.of("context switch, us [B]", pair(PUB_SWITCH_THREADS_US, PUB_SWITCH_ASYNC_US),
            pair(platformSwitch, loopSwitch) + " eventloop", "-"));
        Optional<ScaleResult> platform = scaleOf("platform");
        Optional<ScaleResult> virtual = scaleOf("virtual");
        rows.add(List.of("memory per waiting unit, resident [B]", "~9.5 KiB / ~0.4 KiB (" + ratio(9.5 / 0.4) + "); a thread also ~10 KiB kernel",
            platform.map(s -> bytes(s.rssPerUnit())).orElse("?") + " / " + virtual.map(s -> bytes(s.rssPerUnit())).orElse("?")
                + " (" + memoryRatio(platform, virtual) + "); a thread also "
                + platform.map(s -> bytes(s.kernelStackPerUnit())).orElse("?") + " kernel", "-"));
        rows.add(List.of("most units waiting at once [B]", "80,000 (the most, limits raised by hand) / 250,000 (ran, no limit reached)",
            platform.map(s -> limitText(s, Machine.threadLimit())).orElse("?") + " / " + virtual.map(s -> limitText(s, null)).orElse("?"), "-"));
        table(List.of("measure [source]", "published: threads / async (ratio)", "yours, warm: platform / "
            + "virtual or Vert.x (ratio)", "yours, cold, [A]'s method (ratio)"), rows);
        line("");
        line("One JVM runner per Rust counterpart, always the same: std::thread = a platform thread per unit (Ex01); "
            + "tokio::spawn = a virtual thread per unit (Ex03: tasks multiplexed on one carrier per core by a work-stealing "
            + "scheduler, as tokio's workers do); spawn_blocking = Vert.x executeBlocking (Ex04: a separate pool of threads). "
            + "[B] also timed creating a thread at ~17 us and an async task at ~0.3 us: compare the spawn table's us/unit.");
        line("Like for like: the cold column is [A]'s method, the median of 5 calls back to back in a fresh JVM with no warm-up "
            + "(the median over 5 JVMs; the tables' \"cold: 1st call\" is only the first of them). Memory is resident memory on "
            + "both sides (RSS per unit; [B] measured the resident set too), the kernel's stack beside it. The most units are limits "
            + "on both sides where there is one: the scale probe stops at caps of its own so as never to exhaust the machine, and a "
            + "cap is not a limit, so where it stopped there the row gives the limit this machine's settings put on threads "
            + "(not raised, unlike [B]'s) and the one the probe's 512 MB heap puts on virtual threads (the heap over the live "
            + "heap per unit).");
        line(String.format(Locale.ROOT, "What differs: cores ([A] 12, [B] 4 with hyper-threading, yours %d); language (Rust, "
            + "compiled ahead of time, vs Java, compiled by the JIT while it runs); method ([A]: median of 5 runs in one process, "
            + "no warm-up; [B]: means over brigades of 500 threads or tasks; warm: JMH's median of many calls after warm-up; cold: [A]'s method in a "
            + "fresh JVM; CPU: runner and ideal alternating in one JVM). Ratios travel between machines better than "
            + "milliseconds, and even they move with the core count.", Machine.cores()));
    }

    /**
     * The most units of one model, said as a limit or as a lower bound: "12,345 (a limit: OutOfMemoryError ...)" when
     * the probe hit one, else "> 5,000 (our cap, not a limit; ...)" and the limit known without reaching it: for threads
     * the machine's settings ({@code threads}), for virtual threads the probe's heap over the live heap per unit.
     */
    static String limitText(ScaleResult s, Machine.ThreadLimit threads) {
        boolean stoppedShort = s.hitCap() || s.stoppedBy().startsWith("time budget");
        if (!stoppedShort) {
            return String.format(Locale.ROOT, "%,d (a limit: %s)", s.reached(), s.stoppedBy());
        }
        String known;
        if (s.model().equals("platform")) {
            known = threads == null ? "the OS's limit is not known here"
                : String.format(Locale.ROOT, "this machine allows about %,d: %s", threads.threads(), threads.by());
        } else {
            known = s.heapPerUnit() > 0 ? String.format(Locale.ROOT, "the 512 MB heap holds about %,d (512 MiB / %s)",
                ScaleProbe.HEAP_BYTES / s.heapPerUnit(), bytes(s.heapPerUnit())) : "the heap's limit is not known";
        }
        return String.format(Locale.ROOT, "> %,d (%s, not a limit; %s)", s.reached(), s.hitCap() ? "our cap" : "our time budget", known);
    }

    private List<String> claimRow(String what, double pubThreads, double pubAsync, String scenario, String light) {
        double threads = median(scenario, THREADS_RUNNER);
        double lightMs = median(scenario, light);
        // [A]'s method: each JVM's median of 5 calls back to back with no warm-up; the median over the JVMs
        double coldThreads = cold(scenario, THREADS_RUNNER).map(c -> c.publishedMethod().median()).orElse(Double.NaN);
        double coldLight = cold(scenario, light).map(c -> c.publishedMethod().median()).orElse(Double.NaN);
        return List.of(what, pair(pubThreads, pubAsync), pair(threads, lightMs) + " " + light, pair(coldThreads, coldLight));
    }

    private List<String> cpuClaimRow(String what, double pubAsync, String light) {
        double threads = cpu(THREADS_RUNNER).map(c -> c.call().median()).orElse(Double.NaN);
        double lightMs = cpu(light).map(c -> c.call().median()).orElse(Double.NaN);
        return List.of(what, pair(PUB_CPU_THREADS, pubAsync), pair(threads, lightMs) + " " + light, "-");
    }

    /** "14.2 / 0.42 (33.9x)": threads / lightweight and their ratio. */
    private static String pair(double threads, double light) {
        return fmt(threads) + " / " + fmt(light) + " (" + ratio(threads / light) + ")";
    }

    /** Resident memory per unit, a platform thread's over a virtual thread's (the kernel's stack is not resident memory). */
    private static String memoryRatio(Optional<ScaleResult> platform, Optional<ScaleResult> virtual) {
        if (platform.isEmpty() || virtual.isEmpty() || platform.get().rssPerUnit() <= 0 || virtual.get().rssPerUnit() <= 0) {
            return "?";
        }
        return ratio((double) platform.get().rssPerUnit() / virtual.get().rssPerUnit());
    }

    private void targets() {
        heading("Targets (met on a quiet machine; measured here, never asserted)");
        List<List<String>> rows = new ArrayList<>();
        for (String runner : List.of("virtual", "vertx", "rxjava")) {
            find("wait", runner).ifPresent(m -> rows.add(List.of(label("wait", runner) + ": wait <= 1.15 x 10 ms",
                String.format(Locale.ROOT, "%.3fx", m.medianMs() / BenchmarkSuite.WAIT_MILLIS),
                verdict(m.medianMs() / BenchmarkSuite.WAIT_MILLIS <= 1.15, m.noise()))));
        }
        find("spawn", "vertx").ifPresent(m -> rows.add(List.of(label("spawn", "vertx") + ": spawn < 1 us per unit",
            fmt(m.microsPerUnit()) + " us", verdict(m.microsPerUnit() < 1, m.noise()))));
        for (CpuResult c : results.cpu()) {
            rows.add(List.of(label("cpu", c.runner()) + ": CPU within 3% of the ideal",
                String.format(Locale.ROOT, "%.3fx %s", c.ofIdeal().median(), ratioInterval(c.ofIdeal())), cpuVerdict(c)));
        }
        if (results.mode().equals("quick")) {
            rows.add(List.of("quick suite in <= 3 minutes", String.format(Locale.ROOT, "%.0f s (plus the build)", results.wallSeconds()),
                results.wallSeconds() <= 180 ? "yes" : "no"));
        }
        table(List.of("target", "measured", "met?"), rows);
    }

    private static String verdict(boolean met, Noise noise) {
        String load = noise.takenCores() >= Noise.SOME
            ? String.format(Locale.ROOT, " (other processes used %.2f cores meanwhile)", noise.takenCores()) : "";
        return (met ? "yes" : "no") + load;
    }

    /** Met or missed, and why, in words a learner can check against the other columns. */
    static String cpuVerdict(CpuResult c) {
        double ratio = c.ofIdeal().median();
        double precision = c.ofIdeal().relativeHalfWidth();
        String reason;
        if (ratio < 0.97) {
            reason = "no: below the ideal, so the machine changed between the unit alone and the calls (see noise)";
        } else if (ratio <= 1.03) {
            reason = "yes";
        } else {
            List<String> why = new ArrayList<>();
            if (c.noise().takenCores() >= Noise.SOME) {
                why.add(String.format(Locale.ROOT, "other processes used %.2f cores meanwhile", c.noise().takenCores()));
            }
            if (c.cpuInflation() > 1.03) {
                why.add(String.format(Locale.ROOT, "each unit needed %.0f%% more CPU time side by side than alone (the cores "
                    + "share hardware: hyper-threads, caches, a lower clock when all are busy), which no model can avoid",
                    (c.cpuInflation() - 1) * 100));
            }
            if (c.utilisation() < 0.97 && c.noise().takenCores() < Noise.SOME) { // with other processes running, they took the rest
                why.add(String.format(Locale.ROOT, "the cores were idle for %.0f%% of the call (an uneven split, or units that "
                    + "waited for a thread)", (1 - c.utilisation()) * 100));
            }
            reason = "no: " + (why.isEmpty() ? "the runner's own overhead" : String.join("; ", why));
        }
        boolean open = c.ofIdeal().low() <= 1.03 && c.ofIdeal().high() > 1.03;
        if (precision > 0.02 || open) {
            reason += " " + cpuPrecision(c);
        }
        return reason;
    }

    /**
     * What an interval wider than ± 2% means for the verdict. Only an interval that holds the 3% line
     * leaves it open; one wholly above (or below) it decides it however wide it is. And a wide interval
     * on a quiet machine is the runner's own spread, which a rerun does not fix, more rounds do: measured
     * on a quiet 2-core machine, 60 rounds narrowed pool, virtual, Vert.x and RxJava to ± 0.8-1.8%, while
     * the platform threads' calls ranged over 1.0-1.3x the ideal (the kernel splits 4 threads over 2
     * cores differently every call) and stayed at ± 3.4%, all of it above the line.
     */
    static String cpuPrecision(CpuResult c) {
        Stats r = c.ofIdeal();
        String width = String.format(Locale.ROOT, "interval ± %.1f%%", r.relativeHalfWidth() * 100);
        String cause = c.noise().takenCores() >= Noise.SOME
            ? "other processes were running: rerun on a quiet machine"
            : String.format(Locale.ROOT, "the machine was quiet, so it is the runner's own spread (its calls ranged %.2fx-%.2fx "
                + "the ideal, p10-p90): more rounds narrow it (full mode runs %d, and up to %d until ± 2%%)", r.p10(), r.p90(),
                BenchmarkSuite.FULL_CPU_ROUNDS, BenchmarkSuite.FULL_CPU_MOST_ROUNDS);
        if (r.low() > 1.03 || r.high() <= 1.03) {
            return "(" + width + ", all of it " + (r.low() > 1.03 ? "above" : "within") + " the 3% line, so the verdict stands; " + cause + ")";
        }
        if (r.relativeHalfWidth() <= 0.02) {
            return "(" + width + " holds the 3% line: the ratio is too close to it for this many rounds to call)";
        }
        return "(" + width + ": it holds the 3% line, so this verdict could go either way; " + cause + ")";
    }

    private void sources() {
        heading("Sources of the published figures");
        line(SOURCE_A);
        line("");
        line(SOURCE_B);
        line("");
        line("![chart](chart.svg)");
    }

    // ---------------------------------------------------------------- formatting

    /** The 95% CI of a median as "[low, high]", or "single shot" for one call. */
    static String interval(Stats stats, boolean singleShot) {
        if (singleShot || stats.n() < 2) {
            return "single shot";
        }
        return "[" + fmt(stats.low()) + ", " + fmt(stats.high()) + "]";
    }

    private static String ratioInterval(Stats ratio) {
        return "[" + ratio(ratio.low()) + ", " + ratio(ratio.high()) + "]";
    }

    /**
     * A ratio with the digits its effect needs: 33.9x; 1.88x; 0.921x and 1.005x near 1 (an 8% effect
     * must show); 1/1900 for the very small ones (1/1900 of the platform runner's time).
     */
    static String ratio(double ratio) {
        if (Double.isNaN(ratio) || Double.isInfinite(ratio)) {
            return "?";
        }
        if (ratio >= 0.5 && ratio < 2) {
            return String.format(Locale.ROOT, "%.3fx", ratio);
        }
        return ratio >= 0.1 ? fmt(ratio) + "x" : "1/" + fmt(1 / ratio);
    }

    /** How a runner is named in a table row: the model, in the words of that scenario. */
    static String label(String scenario, String runner) {
        return switch (scenario + "/" + runner) {
            case "switch/platform" -> "two platform threads";
            case "switch/platform-pinned" -> "two platform threads, one CPU";
            case "switch/virtual" -> "two virtual threads";
            case "switch/eventloop" -> "two tasks on one event loop";
            case "scale/platform" -> "platform threads";
            case "scale/virtual" -> "virtual threads";
            case "scale/vertx" -> "Vert.x timers";
            case "servers/pool" -> "Ex07 HTTP service, fixed pool";
            case "servers/virtual" -> "Ex07 HTTP service, virtual thread per request";
            case "servers/vertx" -> "Ex07 HTTP service, Vert.x";
            case "servers/vertx-worker" -> "HTTP service, Vert.x worker pool (harness)";
            case "servers/vertx-virtual" -> "HTTP service, Vert.x virtual-thread verticle (harness)";
            default -> Runners.byKey(runner).label;
        };
    }

    static String fmt(double value) {
        if (Double.isNaN(value) || Double.isInfinite(value)) {
            return "?";
        }
        if (Math.abs(value) >= 100) {
            return String.format(Locale.ROOT, "%.0f", value);
        }
        if (value == 0) {
            return "0";
        }
        // Three significant digits, never scientific notation: 12.3, 1.23, 0.123, 0.000123.
        return new java.math.BigDecimal(value).round(new java.math.MathContext(3)).stripTrailingZeros().toPlainString();
    }

    static String bytes(long bytes) {
        if (bytes == -1) {
            return "?";
        }
        return Math.abs(bytes) >= 1024 ? String.format(Locale.ROOT, "%.1f KiB", bytes / 1024.0) : bytes + " B";
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
        List<List<String>> all = Stream.concat(Stream.of(header), rows.stream()).toList();
        for (List<String> row : all) {
            for (int i = 0; i < row.size(); i++) {
                widths[i] = Math.max(widths[i], row.get(i).length());
            }
        }
        for (List<String> row : all) {
            StringBuilder text = new StringBuilder("  ");
            for (int i = 0; i < row.size(); i++) {
                String cell = row.get(i);
                text.append(i == 0 ? pad(cell, widths[i]) : padLeft(cell, widths[i])).append("  ");
            }
            console.append(text.toString().stripTrailing()).append('\n');
        }
    }

    private static String pad(String text, int width) {
        return text + " ".repeat(width - text.length());
    }

    private static String padLeft(String text, int width) {
        return " ".repeat(width - text.length()) + text;
    }

    // ---------------------------------------------------------------- results.json

    private static JsonObject json(Stats stats) {
        return new JsonObject().put("median", stats.median()).put("ci95Low", stats.low()).put("ci95High", stats.high())
            .put("p10", stats.p10()).put("p90", stats.p90()).put("n", stats.n());
    }

    private static JsonObject json(Noise noise) {
        return new JsonObject().put("otherProcessesCores", noise.known() ? noise.otherCores() : null)
            .put("stolenCores", noise.known() ? noise.stealCores() : null).put("seconds", noise.seconds()).put("level", noise.level());
    }

    private JsonObject json() {
        JsonArray measured = new JsonArray();
        results.measurements().forEach(m -> measured.add(new JsonObject()
            .put("scenario", m.scenario()).put("runner", m.runner()).put("units", m.units()).put("method", m.method())
            .put("ms", json(m.stats())).put("microsPerUnit", m.microsPerUnit()).put("noise", json(m.noise()))));
        JsonArray cpu = new JsonArray();
        results.cpu().forEach(c -> cpu.add(new JsonObject()
            .put("runner", c.runner()).put("units", c.units()).put("rounds", MixingLoop.PUBLISHED_ROUNDS).put("cores", c.cores())
            .put("callMs", json(c.call())).put("oneUnitAloneMs", json(c.sequential())).put("idealMs", c.idealMs())
            .put("ofIdeal", json(c.ofIdeal())).put("cpuMsPerUnitInCall", c.cpuPerUnitMs()).put("cpuMsOfUnitAlone", c.aloneCpuMs())
            .put("utilisation", c.utilisation())
            .put("verdict", cpuVerdict(c)).put("noise", json(c.noise()))));
        JsonArray cold = new JsonArray();
        results.cold().forEach(c -> cold.add(new JsonObject()
            .put("scenario", c.scenario()).put("runner", c.runner()).put("firstCallMs", new JsonArray(c.firstCalls()))
            .put("firstFiveCallsMedianMs", new JsonArray(c.fiveCallMedians())).put("problem", c.problem())));
        JsonArray scaleJson = new JsonArray();
        results.scale().forEach(s -> scaleJson.add(new JsonObject()
            .put("model", s.model()).put("cap", s.cap()).put("reached", s.reached()).put("stoppedBy", s.stoppedBy())
            .put("unitsMeasured", s.unitsMeasured()).put("heapBytesPerUnit", s.heapPerUnit())
            .put("nmtThreadBytesPerUnit", s.nmtThreadPerUnit()).put("nmtStackBytesPerUnit", s.nmtStackPerUnit())
            .put("rssBytesPerUnit", s.rssPerUnit()).put("kernelStackBytesPerUnit", s.kernelStackPerUnit())
            .put("stackDepth", s.stackDepth())));
        JsonArray notMeasured = new JsonArray();
        results.notReady().forEach(n -> notMeasured.add(new JsonObject()
            .put("scenario", n.scenario()).put("runner", n.runner()).put("problem", n.problem())));
        JsonObject published = new JsonObject()
            .put("A", new JsonObject().put("source", SOURCE_A)
                .put("spawnMs", new JsonObject().put("threads", PUB_SPAWN_THREADS).put("tokioSpawn", PUB_SPAWN_ASYNC))
                .put("waitMs", new JsonObject().put("threads", PUB_WAIT_THREADS).put("tokioSpawn", PUB_WAIT_ASYNC))
                .put("cpuMs", new JsonObject().put("threads", PUB_CPU_THREADS).put("tokioSpawn", PUB_CPU_ASYNC)
                    .put("spawnBlocking", PUB_CPU_BLOCKING)))
            .put("B", new JsonObject().put("source", SOURCE_B)
                .put("switchUs", new JsonObject().put("threads", PUB_SWITCH_THREADS_US).put("async", PUB_SWITCH_ASYNC_US))
                .put("createUs", new JsonObject().put("thread", PUB_CREATE_THREAD_US).put("task", PUB_CREATE_TASK_US))
                .put("memoryPerUnitKiB", new JsonObject().put("threadUser", 9.5).put("threadKernel", 10).put("task", 0.4))
                .put("mostUnits", new JsonObject().put("threads", 80_000).put("tasks", 250_000)))
            .put("jvmCounterparts", new JsonObject().put("threads", THREADS_RUNNER).put("tokioSpawn", TOKIO_SPAWN_RUNNER)
                .put("spawnBlocking", SPAWN_BLOCKING_RUNNER));
        return new JsonObject()
            .put("code", results.reference() ? "reference" : "yours")
            .put("sources", results.code())
            .put("mode", results.mode())
            .put("date", Instant.now().toString())
            .put("machine", new JsonObject()
                .put("jdk", Machine.jdk()).put("cores", Machine.cores()).put("cpu", Machine.cpuModel()).put("os", Machine.os())
                .put("noise", json(results.overall())).put("loadBefore", results.loadBefore()).put("loadAfter", results.loadAfter()))
            .put("wallSeconds", results.wallSeconds())
            .put("results", measured)
            .put("cpu", cpu)
            .put("cold", cold)
            .put("scale", scaleJson)
            .put("notMeasured", notMeasured)
            .put("published", published);
    }
}
