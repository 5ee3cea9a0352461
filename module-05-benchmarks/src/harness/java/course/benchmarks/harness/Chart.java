package course.benchmarks.harness;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.DoubleFunction;

/**
 * chart.svg: a list of panels ({@link #panels}), one bar per runner at its median with a whisker
 * for the 95% confidence interval of that median, and a dashed red line where a physical limit
 * exists. Each panel says in one line who wins and why, from the data ({@link Panel#verdict}, also
 * in report.md); a runner not measured keeps its row, saying why. Times on log axes (the runners
 * differ by up to 10,000x) whose floor sits just under the fastest bar, so that the winners are
 * bars, not slivers; the CPU panel on a linear axis around the ideal, where a few percent must be
 * visible. Memory is compared like for like: one measure per panel, the same for every model.
 */
final class Chart {

    private static final int WIDTH = 960;
    private static final int LABEL = 270;
    private static final int PLOT = 580;
    private static final int ROW = 26;
    /** Tick labels closer than this (px) would overlap: the later one is left out. */
    private static final int TICK_GAP = 48;
    /** Characters of a verdict line that fit the chart's width at 12 px. */
    private static final int LINE_CHARS = 140;

    static final String BY_THE_HARNESS = "measured by the harness's own probe, not by the runners";

    /** One row: a bar at its median and interval, in the panel's unit; or, with {@code missing}, why there is no bar. */
    record Bar(String label, String color, double value, double low, double high, String missing) {

        Bar(String label, String color, double value, double low, double high) {
            this(label, color, value, low, high, null);
        }

        static Bar missing(String label, String why) {
            return new Bar(label, "#999", Double.NaN, Double.NaN, Double.NaN, why);
        }

        boolean measured() {
            return missing == null && value > 0 && !Double.isNaN(value);
        }
    }

    /**
     * One panel: a log axis with bars from its left end, or a linear axis with a dot per runner
     * (a bar from an axis that does not start at 0 would exaggerate); an optional limit line, and on
     * a linear axis an optional target band from the limit to {@code band}. {@code verdict}: who
     * wins and why, one line; {@code note}: where the figures come from, when that is not obvious.
     */
    record Panel(String key, String title, boolean log, List<Bar> bars, double limit, String limitLabel, double band,
                 DoubleFunction<String> format, String tickSuffix, String verdict, String note) {
    }

    private Chart() {
    }

    /** The chart, top to bottom. A new scenario adds its panels here. */
    static List<Panel> panels(Report report) {
        List<Panel> panels = new ArrayList<>();
        List<Bar> spawn = withMissing(report, "spawn", timeBars(report, "spawn", 1));
        panels.add(new Panel("spawn", "Spawn 1,000 units (ms per call, log)", true, spawn, Double.NaN, null, Double.NaN,
            Report::fmt, "", spawnVerdict(spawn, report), null));
        List<Bar> wait = withMissing(report, "wait", timeBars(report, "wait", 1));
        panels.add(new Panel("wait", "Wait: 1,000 units x 10 ms (ms per call, log)", true, wait, 10, "limit 10 ms", Double.NaN,
            Report::fmt, "", waitVerdict(wait, report), null));
        List<Bar> cpu = withMissing(report, "cpu", cpuBars(report));
        panels.add(new Panel("cpu", "CPU: call / ideal measured in the same JVM (linear; shaded: within 3%)", false, cpu, 1.0,
            "ideal", 1.03, Report::ratio, "x", cpuVerdict(report), null));
        List<Bar> sw = switchBars(report);
        panels.add(new Panel("switch", "Switch: ping-pong (us per switch, log)", true, sw, Double.NaN, null, Double.NaN,
            Report::fmt, "", switchVerdict(sw, report), null));
        panels.add(new Panel("scale", "Scale: units waiting at once (log; the probe stops at a cap)", true, scaleCountBars(report),
            Double.NaN, null, Double.NaN, Report::fmt, "", scaleVerdict(report), BY_THE_HARNESS));
        panels.add(new Panel("rss", "Scale: resident memory (RSS) per waiting unit, every model (KiB, log)", true,
            scaleMemoryBars(report, ScaleResult::rssPerUnit), Double.NaN, null, Double.NaN, Report::fmt, "", rssVerdict(report),
            BY_THE_HARNESS + "; a platform thread also holds a kernel stack, outside RSS: "
                + report.results().scale().stream().filter(s -> s.model().equals("platform") && s.kernelStackPerUnit() > 0)
                    .findFirst().map(s -> Report.fmt(s.kernelStackPerUnit() / 1024.0) + " KiB").orElse("not measured here")));
        panels.add(new Panel("heap", "Scale: live Java heap per waiting unit, every model (KiB, log)", true,
            scaleMemoryBars(report, ScaleResult::heapPerUnit), Double.NaN, null, Double.NaN, Report::fmt, "", heapVerdict(report),
            BY_THE_HARNESS + "; a parked virtual thread's stack is on the heap, a platform thread's is not (it is in RSS)"));
        return panels;
    }

    /** The verdict line of the panel {@code key}, for report.md. */
    static Optional<String> verdict(Report report, String key) {
        return panels(report).stream().filter(p -> p.key().equals(key)).map(Panel::verdict).filter(v -> v != null).findFirst();
    }

    static String svg(Report report, String title, String noise) {
        StringBuilder body = new StringBuilder();
        body.append(text(10, 42, noise, "fill=\"#444\" font-size=\"11\""));
        int y = 56;
        for (Panel panel : panels(report)) {
            y = draw(body, y, panel);
        }
        return "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"" + WIDTH + "\" height=\"" + (y + 20)
            + "\" font-family=\"sans-serif\" font-size=\"12\">\n"
            + "<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n"
            + "<text x=\"10\" y=\"24\" font-size=\"16\" font-weight=\"bold\">" + escape(title)
            + " (bar: median, whisker: 95% CI of the median)</text>\n"
            + body + "</svg>\n";
    }

    // ---------------------------------------------------------------- the bars of each panel

    private static List<Bar> timeBars(Report report, String scenario, double scale) {
        List<Bar> bars = new ArrayList<>();
        for (Measurement m : report.results().measurements()) {
            if (m.scenario().equals(scenario)) {
                Stats s = m.stats().scaled(scale);
                String label = Report.label(scenario, m.runner()) + (m.singleShot() ? " (one call)" : "");
                bars.add(new Bar(label, color(m.runner()), s.median(), m.singleShot() ? s.median() : s.low(), m.singleShot() ? s.median() : s.high()));
            }
        }
        return bars;
    }

    /** The bars of the runners measured, and a row for each runner that was not, in the runners' order. */
    private static List<Bar> withMissing(Report report, String scenario, List<Bar> measured) {
        List<Bar> out = new ArrayList<>();
        for (Runners runner : Runners.values()) {
            String label = Report.label(scenario, runner.key);
            Optional<Bar> bar = measured.stream().filter(b -> b.label().startsWith(label)).findFirst();
            out.add(bar.orElseGet(() -> Bar.missing(label, whyMissing(report, scenario, runner.key))));
        }
        return out;
    }

    private static String whyMissing(Report report, String scenario, String runner) {
        return report.results().notReady().stream().filter(n -> n.scenario().equals(scenario) && n.runner().equals(runner)).findFirst()
            .map(n -> n.problem().contains("not implemented yet") ? "not implemented yet" : "not measured: its check failed (report.md says why)")
            .orElse("not measured");
    }

    private static List<Bar> cpuBars(Report report) {
        return report.results().cpu().stream().map(c -> new Bar(Report.label("cpu", c.runner()), color(c.runner()),
            c.ofIdeal().median(), c.ofIdeal().low(), c.ofIdeal().high())).toList();
    }

    private static List<Bar> switchBars(Report report) {
        List<Bar> measured = timeBars(report, "switch", 1000.0 / (2 * BenchmarkSuite.EXCHANGES));
        List<Bar> out = new ArrayList<>();
        for (String model : List.of("platform", "platform-pinned", "virtual", "eventloop")) {
            String label = Report.label("switch", model);
            Optional<Bar> bar = measured.stream().filter(b -> b.label().equals(label)).findFirst();
            if (bar.isPresent()) {
                out.add(bar.get());
            } else if (!model.equals("platform-pinned")) {
                out.add(Bar.missing(label, whyMissing(report, "switch", model)));
            }
        }
        return out;
    }

    private static List<Bar> scaleCountBars(Report report) {
        return report.results().scale().stream().filter(s -> s.reached() > 0).map(s -> new Bar(
            Report.label("scale", s.model()) + (s.hitCap() ? " (cap)" : ""), color(s.model()), s.reached(), s.reached(), s.reached()))
            .toList();
    }

    private static List<Bar> scaleMemoryBars(Report report, java.util.function.ToLongFunction<ScaleResult> measure) {
        List<Bar> bars = new ArrayList<>();
        for (ScaleResult s : report.results().scale()) {
            long bytes = measure.applyAsLong(s);
            String name = Report.label("scale", s.model());
            if (bytes > 0) {
                double kib = bytes / 1024.0;
                bars.add(new Bar(name, color(s.model()), kib, kib, kib));
            } else {
                bars.add(Bar.missing(name, "not measured on this system"));
            }
        }
        return bars;
    }

    // ---------------------------------------------------------------- who wins, and why

    /** The measured bar with the lowest value, and the one after it. */
    private static List<Bar> ranked(List<Bar> bars) {
        return bars.stream().filter(Bar::measured).sorted(Comparator.comparingDouble(Bar::value)).toList();
    }

    /** "X, 0.0658 ms[, tied (within 5%) with Z]; 2789x less than Y" for the winner of a lower-is-better panel, Y the last. */
    private static String lead(List<Bar> ranked, String unit) {
        Bar best = ranked.getFirst();
        Bar worst = ranked.getLast();
        // Within 5% of the winner, or overlapping its interval: as good on this machine, and said so.
        List<String> tied = ranked.stream().skip(1).filter(b -> b != worst && (b.low() <= best.high() || b.value() <= best.value() * 1.05))
            .map(Bar::label).toList();
        String tie = tied.isEmpty() ? "" : ", tied (within 5% or overlapping intervals) with " + String.join(" and ", tied);
        return best.label() + ", " + Report.fmt(best.value()) + " " + unit + tie
            + (ranked.size() > 1 ? "; " + Report.ratio(worst.value() / best.value()) + " less than " + worst.label() : "");
    }

    private static String runnerOf(Report report, String scenario, Bar bar) {
        for (Runners r : Runners.values()) {
            if (bar.label().startsWith(Report.label(scenario, r.key))) {
                return r.key;
            }
        }
        for (String model : List.of("platform-pinned", "platform", "virtual", "eventloop", "vertx")) {
            if (bar.label().startsWith(Report.label(scenario, model))) {
                return model;
            }
        }
        return "";
    }

    private static String spawnVerdict(List<Bar> bars, Report report) {
        List<Bar> ranked = ranked(bars);
        if (ranked.isEmpty()) {
            return null;
        }
        String because = switch (runnerOf(report, "spawn", ranked.getFirst())) {
            case "pool", "rxjava" -> "its threads exist before the call: a unit is a task put on a queue, not a thread started";
            case "vertx" -> "a unit is a callback queued to threads that exist before the call, not a thread started";
            case "virtual" -> "a virtual thread is an object on the heap run by a few carrier threads: no OS thread is started";
            default -> "each unit starts an OS thread, yet it came first here: look at the noise column in report.md";
        };
        return "Winner: " + lead(ranked, "ms") + ", because " + because + ".";
    }

    private static String waitVerdict(List<Bar> bars, Report report) {
        List<Bar> ranked = ranked(bars);
        if (ranked.isEmpty()) {
            return null;
        }
        String because = switch (runnerOf(report, "wait", ranked.getFirst())) {
            case "virtual" -> "a waiting virtual thread leaves its carrier: all 1,000 wait at once, so the call lasts about one wait (10 ms)";
            case "vertx", "rxjava" -> "a wait is a timer that holds no thread: all 1,000 wait at once, so the call lasts about one wait (10 ms)";
            case "platform" -> "1,000 OS threads wait at once; what they add to the 10 ms is starting them";
            default -> "its threads wait in turn, so it should come last: look at the noise column in report.md";
        };
        return "Winner: " + lead(ranked, "ms") + ", because " + because + ".";
    }

    private static String cpuVerdict(Report report) {
        List<CpuResult> cpu = report.results().cpu().stream().sorted(Comparator.comparingDouble(c -> c.ofIdeal().median())).toList();
        if (cpu.isEmpty()) {
            return null;
        }
        CpuResult best = cpu.getFirst();
        String because = switch (best.runner()) {
            case "pool" -> "one thread per core: every core computes and none is shared";
            case "rxjava" -> "the computation scheduler has one thread per core: every core computes and none is shared";
            case "virtual" -> "the virtual threads run on one carrier per core: every core computes";
            case "vertx" -> "executeBlocking's worker threads, spread by the OS over the cores, kept them busy";
            default -> "one OS thread per unit, spread by the OS over the cores, kept them busy";
        };
        long tied = cpu.stream().filter(c -> c.ofIdeal().low() <= best.ofIdeal().high()).count();
        String tie = tied > 1 ? "; " + (tied - 1) + " more within its interval: for computing work, a tie is the expected result" : "";
        return "Winner: " + Report.label("cpu", best.runner()) + ", " + Report.ratio(best.ofIdeal().median()) + " the ideal, because "
            + because + tie + ".";
    }

    private static String switchVerdict(List<Bar> bars, Report report) {
        List<Bar> ranked = ranked(bars);
        if (ranked.isEmpty()) {
            return null;
        }
        String because = switch (runnerOf(report, "switch", ranked.getFirst())) {
            case "eventloop" -> "passing the ball between two tasks on one event loop is a queue push on the same thread: no thread switch at all";
            case "virtual" -> "a virtual thread switch is an unmount and a mount in the JVM, with no call into the kernel";
            default -> "a platform thread switch goes through the kernel's scheduler, yet it came first here: look at the noise";
        };
        return "Winner: " + lead(ranked, "us") + ", because " + because + ".";
    }

    private static String scaleVerdict(Report report) {
        List<ScaleResult> scale = report.results().scale().stream().filter(s -> s.reached() > 0)
            .sorted(Comparator.comparingInt(ScaleResult::reached).reversed()).toList();
        if (scale.isEmpty()) {
            return null;
        }
        ScaleResult best = scale.getFirst();
        List<String> atTop = scale.stream().filter(s -> s.reached() == best.reached()).map(s -> Report.label("scale", s.model())).toList();
        ScaleResult last = scale.getLast();
        String who = atTop.size() > 1 ? "a tie, " + String.join(" and ", atTop) : atTop.getFirst();
        String reached = String.format(Locale.ROOT, "%,d%s", best.reached(), best.hitCap() ? " (our cap: the probe stops there)" : "");
        String because = best.model().equals("platform")
            ? "a waiting platform thread came out ahead here: look at what stopped the others in report.md"
            : "a waiting one holds no OS thread, only heap";
        return "Winner: " + who + ", " + reached + ", because " + because
            + (last != best && last.model().equals("platform") ? String.format(Locale.ROOT, "; platform threads stopped at %,d (%s)",
                last.reached(), last.hitCap() ? "our cap for them" : last.stoppedBy()) : "") + ".";
    }

    private static String rssVerdict(Report report) {
        return memoryVerdict(report, ScaleResult::rssPerUnit, "RSS", model -> switch (model) {
            case "vertx" -> "a waiting timer is a small object: no thread and no stack";
            case "virtual" -> "a parked virtual thread keeps only the frames it uses, on the heap";
            default -> "a platform thread's stack is touched memory of its own, yet it came first here";
        });
    }

    private static String heapVerdict(Report report) {
        return memoryVerdict(report, ScaleResult::heapPerUnit, "heap", model -> switch (model) {
            case "vertx" -> "a waiting timer is a small object with no stack";
            case "virtual" -> "its stack is on the heap, but only the frames it uses";
            default -> "its stack is native memory, not heap: the RSS panel has its whole cost";
        });
    }

    private static String memoryVerdict(Report report, java.util.function.ToLongFunction<ScaleResult> measure, String what,
                                        java.util.function.Function<String, String> because) {
        List<ScaleResult> scale = report.results().scale().stream().filter(s -> measure.applyAsLong(s) > 0)
            .sorted(Comparator.comparingLong(measure)).toList();
        if (scale.isEmpty()) {
            return null;
        }
        ScaleResult best = scale.getFirst();
        ScaleResult worst = scale.getLast();
        return "Winner: " + Report.label("scale", best.model()) + ", " + Report.bytes(measure.applyAsLong(best)) + " of " + what
            + " per unit" + (scale.size() > 1 ? ": " + Report.ratio((double) measure.applyAsLong(worst) / measure.applyAsLong(best))
                + " less than " + Report.label("scale", worst.model()) : "") + ", because " + because.apply(best.model()) + ".";
    }

    // ---------------------------------------------------------------- drawing

    /** Draws one panel. Returns the next free y. */
    private static int draw(StringBuilder svg, int top, Panel panel) {
        List<Bar> rows = panel.bars().stream().filter(bar -> bar.measured() || bar.missing() != null).toList();
        List<Bar> bars = rows.stream().filter(Bar::measured).toList();
        if (rows.isEmpty()) {
            return top;
        }
        svg.append(text(10, top + 16, panel.title(), "font-weight=\"bold\""));
        int y0 = top + 16;
        for (String line : wrap(panel.verdict())) {
            y0 += 15;
            svg.append(text(10, y0, line, "fill=\"#1a5e1a\""));
        }
        for (String line : wrap(panel.note())) {
            y0 += 14;
            svg.append(text(10, y0, line, "fill=\"#666\" font-style=\"italic\" font-size=\"11\""));
        }
        int plotTop = y0 + 14;
        int height = rows.size() * ROW;
        Axis axis = bars.isEmpty() ? null
            : panel.log() ? logAxis(bars, panel.limit()) : linearAxis(bars, Double.isNaN(panel.band()) ? panel.limit() : panel.band());
        if (axis != null && !Double.isNaN(panel.band()) && !Double.isNaN(panel.limit())) {
            double from = axis.x(panel.limit());
            svg.append(String.format(Locale.ROOT, "<rect x=\"%.1f\" y=\"%d\" width=\"%.1f\" height=\"%d\" fill=\"#e8f4e8\"/>%n",
                from, plotTop, axis.x(panel.band()) - from, height));
        }
        if (axis != null) {
            double lastLabel = Double.NEGATIVE_INFINITY;
            for (double tick : axis.ticks()) {
                double x = axis.x(tick);
                svg.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"#ddd\"/>%n",
                    x, plotTop, x, plotTop + height));
                if (x - lastLabel >= TICK_GAP) {
                    svg.append(text(x, plotTop + height + 14, tickLabel(panel, axis, tick), "fill=\"#666\" text-anchor=\"middle\""));
                    lastLabel = x;
                }
            }
        }
        int y = plotTop;
        for (Bar bar : rows) {
            svg.append(text(10, y + 17, bar.label(), ""));
            if (!bar.measured()) {
                svg.append(text(LABEL + 6, y + 17, bar.missing(), "fill=\"#888\" font-style=\"italic\""));
                y += ROW;
                continue;
            }
            double x = axis.x(bar.value());
            if (panel.log()) {
                svg.append(String.format(Locale.ROOT,
                    "<rect x=\"%d\" y=\"%d\" width=\"%.1f\" height=\"%d\" fill=\"%s\"/>%n",
                    LABEL, y + 4, Math.max(1, x - LABEL), ROW - 8, bar.color()));
            } else {
                svg.append(String.format(Locale.ROOT, "<circle cx=\"%.1f\" cy=\"%d\" r=\"6\" fill=\"%s\"/>%n", x, y + ROW / 2, bar.color()));
            }
            double left = axis.x(Math.max(bar.low(), axis.min()));
            double right = axis.x(Math.min(bar.high(), axis.max()));
            if (right - left > 0.5) {
                svg.append(String.format(Locale.ROOT,
                    "<path d=\"M%.1f %d H%.1f M%.1f %d V%d M%.1f %d V%d\" stroke=\"black\"/>%n",
                    left, y + ROW / 2, right, left, y + 7, y + ROW - 7, right, y + 7, y + ROW - 7));
            }
            svg.append(text(Math.max(x + 6, right) + 6, y + 17, panel.format().apply(bar.value()), ""));
            y += ROW;
        }
        if (axis != null && !Double.isNaN(panel.limit())) {
            double x = axis.x(panel.limit());
            svg.append(String.format(Locale.ROOT,
                "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"#c00\" stroke-dasharray=\"5,3\"/>%n",
                x, plotTop - 4, x, plotTop + height));
            svg.append(text(x + 4, plotTop - 2, panel.limitLabel(), "fill=\"#c00\" font-size=\"11\""));
        }
        return plotTop + height + (axis == null ? 10 : 34);
    }

    private static String tickLabel(Panel panel, Axis axis, double tick) {
        if (panel.log()) {
            return Report.fmt(tick) + panel.tickSuffix();
        }
        int decimals = Math.max(0, (int) -Math.floor(Math.log10(axis.step()) + 1e-9));
        return String.format(Locale.ROOT, "%." + decimals + "f", tick) + panel.tickSuffix();
    }

    /** A line of text cut at words to fit the chart's width (at most two lines). */
    static List<String> wrap(String text) {
        if (text == null || text.isBlank()) {
            return List.of();
        }
        List<String> lines = new ArrayList<>();
        String rest = text;
        while (rest.length() > LINE_CHARS && lines.size() < 2) {
            int cut = rest.lastIndexOf(' ', LINE_CHARS);
            if (cut <= 0) {
                break;
            }
            lines.add(rest.substring(0, cut));
            rest = "   " + rest.substring(cut + 1);
        }
        lines.add(rest);
        return lines;
    }

    /** An axis from min to max drawn over the plot's width, with its grid ticks and (linear) their step. */
    record Axis(double min, double max, boolean log, List<Double> ticks, double step) {
        double x(double value) {
            double share = log
                ? (Math.log10(value) - Math.log10(min)) / (Math.log10(max) - Math.log10(min))
                : (value - min) / (max - min);
            return LABEL + PLOT * Math.max(0, Math.min(1, share));
        }
    }

    /**
     * A log axis chosen from the data: its floor is the round value (1, 2 or 5 x 10^k) far enough
     * under the smallest bar or limit that the shortest bar, the winner's, takes an eighth of the plot
     * at least, and never on the floor itself; its top is the round value 1.6x above the largest.
     * Ticks at the powers of ten inside, and at the floor.
     */
    static Axis logAxis(List<Bar> bars, double limit) {
        double low = Double.MAX_VALUE;
        double high = 0;
        for (Bar bar : bars) {
            low = Math.min(low, Math.min(bar.value(), bar.low() > 0 ? bar.low() : bar.value()));
            high = Math.max(high, Math.max(bar.value(), bar.high()));
        }
        if (!Double.isNaN(limit)) {
            low = Math.min(low, limit);
            high = Math.max(high, limit);
        }
        double max = roundUp(high * 1.6);
        // The shortest bar gets at least 12% of the plot: log(low / min) >= 0.12 / 0.88 x log(max / low), and 1.6x at least.
        double min = roundDown(low / Math.pow(10, Math.max(Math.log10(1.6), 0.12 / 0.88 * Math.log10(max / low))));
        List<Double> ticks = new ArrayList<>();
        ticks.add(min);
        boolean fewDecades = Math.log10(max / min) < 2.5;
        for (double decade = Math.pow(10, Math.floor(Math.log10(min) + 1e-9)); decade <= max * 1.0001; decade *= 10) {
            // Two decades or fewer: 2 and 5 too, so the axis has more than its two ends to read by.
            for (double m : fewDecades ? new double[] {1, 2, 5} : new double[] {1}) {
                double tick = m * decade;
                if (tick > min * 1.0001 && tick <= max * 1.0001) {
                    ticks.add(tick);
                }
            }
        }
        return new Axis(min, max, true, ticks, Double.NaN);
    }

    /** The largest 1, 2 or 5 x 10^k at or below {@code value}. */
    static double roundDown(double value) {
        double decade = Math.pow(10, Math.floor(Math.log10(value)));
        for (double m : new double[] {5, 2, 1}) {
            if (m * decade <= value * 1.0000001) {
                return m * decade;
            }
        }
        return decade;
    }

    /** The smallest 1, 2 or 5 x 10^k at or above {@code value}. */
    static double roundUp(double value) {
        double decade = Math.pow(10, Math.floor(Math.log10(value)));
        for (double m : new double[] {1, 2, 5, 10}) {
            if (m * decade >= value * 0.9999999) {
                return m * decade;
            }
        }
        return 10 * decade;
    }

    /** A linear axis around the bars and the limit, with a little room, at most 7 ticks at a round step (1, 2 or 5 x 10^k). */
    static Axis linearAxis(List<Bar> bars, double limit) {
        double low = Double.isNaN(limit) ? Double.MAX_VALUE : limit;
        double high = Double.isNaN(limit) ? 0 : limit;
        for (Bar bar : bars) {
            low = Math.min(low, bar.low());
            high = Math.max(high, bar.high());
        }
        double span = Math.max(high - low, 0.01 * Math.max(Math.abs(high), 1e-9));
        double from = low - span * 0.08;
        double to = high + span * 0.08;
        double step = roundUp((to - from) / 6);
        double min = Math.floor(from / step) * step;
        double max = Math.ceil(to / step) * step;
        List<Double> ticks = new ArrayList<>();
        for (double tick = min; tick <= max + step / 2; tick += step) {
            ticks.add(Math.round(tick / step) * step);
        }
        return new Axis(min, max, false, ticks, step);
    }

    private static String color(String runner) {
        return switch (runner) {
            case "platform", "platform-pinned" -> "#4e79a7";
            case "pool" -> "#76b7b2";
            case "virtual" -> "#59a14f";
            case "vertx", "eventloop" -> "#f28e2b";
            case "rxjava" -> "#b07aa1";
            default -> "#999";
        };
    }

    private static String text(double x, double y, String content, String attributes) {
        return String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%.1f\" %s>%s</text>%n", x, y, attributes, escape(content));
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
