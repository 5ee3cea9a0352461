package course.benchmarks.harness;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.DoubleFunction;

/**
 * chart.svg: a list of panels ({@link #panels}), one bar per runner at its median with a whisker
 * for the 95% confidence interval of that median, and a dashed red line where a physical limit
 * exists. Times on log axes (the runners differ by up to 10,000x); the CPU panel on a linear axis
 * around the ideal, where a few percent must be visible.
 */
final class Chart {

    private static final int WIDTH = 960;
    private static final int LABEL = 270;
    private static final int PLOT = 580;
    private static final int ROW = 26;

    /** One bar: its median and interval, in the panel's unit. */
    record Bar(String label, String color, double value, double low, double high) {
    }

    /**
     * One panel: a log axis with bars from its left end, or a linear axis with a dot per runner
     * (a bar from an axis that does not start at 0 would exaggerate); an optional limit line, and on
     * a linear axis an optional target band from the limit to {@code band}.
     */
    record Panel(String title, boolean log, List<Bar> bars, double limit, String limitLabel, double band,
                 DoubleFunction<String> format) {

        Panel(String title, boolean log, List<Bar> bars, double limit, String limitLabel) {
            this(title, log, bars, limit, limitLabel, Double.NaN, Report::fmt);
        }
    }

    private Chart() {
    }

    /** The chart, top to bottom. A new scenario adds its panels here. */
    static List<Panel> panels(Report report) {
        List<Panel> panels = new ArrayList<>();
        panels.add(new Panel("Spawn 1,000 units (ms per call, log)", true, timeBars(report, "spawn", 1), Double.NaN, null));
        panels.add(new Panel("Wait: 1,000 units x 10 ms (ms per call, log)", true, timeBars(report, "wait", 1), 10, "limit 10 ms"));
        panels.add(new Panel("CPU: call / ideal measured in the same JVM (linear; shaded: within 3%)", false, cpuBars(report), 1.0,
            "ideal", 1.03, Report::ratio));
        panels.add(new Panel("Switch: ping-pong (us per switch, log)", true,
            timeBars(report, "switch", 1000.0 / (2 * BenchmarkSuite.EXCHANGES)), Double.NaN, null));
        panels.add(new Panel("Scale: units waiting at once (log; the probe stops at a cap)", true, scaleCountBars(report), Double.NaN, null));
        panels.add(new Panel("Scale: memory per waiting unit (KiB, log)", true, scaleMemoryBars(report), Double.NaN, null));
        return panels;
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

    private static List<Bar> cpuBars(Report report) {
        return report.results().cpu().stream().map(c -> new Bar(Report.label("cpu", c.runner()), color(c.runner()),
            c.ofIdeal().median(), c.ofIdeal().low(), c.ofIdeal().high())).toList();
    }

    private static List<Bar> scaleCountBars(Report report) {
        return report.results().scale().stream().filter(s -> s.reached() > 0).map(s -> new Bar(
            Report.label("scale", s.model()) + (s.hitCap() ? " (cap)" : ""), color(s.model()), s.reached(), s.reached(), s.reached()))
            .toList();
    }

    private static List<Bar> scaleMemoryBars(Report report) {
        List<Bar> bars = new ArrayList<>();
        for (ScaleResult s : report.results().scale()) {
            String name = Report.label("scale", s.model());
            if (s.model().equals("platform")) {
                addKib(bars, name + ": RSS", s.model(), s.rssPerUnit());
                addKib(bars, name + ": kernel stack", s.model(), s.kernelStackPerUnit());
            }
            addKib(bars, name + ": live heap", s.model(), s.heapPerUnit());
        }
        return bars;
    }

    private static void addKib(List<Bar> bars, String label, String model, long bytes) {
        if (bytes > 0) {
            double kib = bytes / 1024.0;
            bars.add(new Bar(label, color(model), kib, kib, kib));
        }
    }

    // ---------------------------------------------------------------- drawing

    /** Draws one panel. Returns the next free y. */
    private static int draw(StringBuilder svg, int top, Panel panel) {
        List<Bar> bars = panel.bars().stream().filter(bar -> bar.value() > 0 && !Double.isNaN(bar.value())).toList();
        if (bars.isEmpty()) {
            return top;
        }
        Axis axis = panel.log() ? logAxis(bars, panel.limit()) : linearAxis(bars, Double.isNaN(panel.band()) ? panel.limit() : panel.band());
        svg.append(text(10, top + 16, panel.title(), "font-weight=\"bold\""));
        int plotTop = top + 24;
        int height = bars.size() * ROW;
        if (!Double.isNaN(panel.band()) && !Double.isNaN(panel.limit())) {
            double from = axis.x(panel.limit());
            svg.append(String.format(Locale.ROOT, "<rect x=\"%.1f\" y=\"%d\" width=\"%.1f\" height=\"%d\" fill=\"#e8f4e8\"/>%n",
                from, plotTop, axis.x(panel.band()) - from, height));
        }
        for (double tick : axis.ticks()) {
            double x = axis.x(tick);
            svg.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"#ddd\"/>%n",
                x, plotTop, x, plotTop + height));
            svg.append(text(x - 10, plotTop + height + 14, panel.log() ? Report.fmt(tick) : panel.format().apply(tick), "fill=\"#666\""));
        }
        int y = plotTop;
        for (Bar bar : bars) {
            double x = axis.x(bar.value());
            svg.append(text(10, y + 17, bar.label(), ""));
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
        if (!Double.isNaN(panel.limit())) {
            double x = axis.x(panel.limit());
            svg.append(String.format(Locale.ROOT,
                "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"#c00\" stroke-dasharray=\"5,3\"/>%n",
                x, plotTop - 4, x, plotTop + height));
            // Beside the line, but never over the panel's title (a limit at the axis's left end).
            double titleEnd = 10 + 7.5 * panel.title().length();
            svg.append(text(Math.max(x + 4, titleEnd + 12), plotTop - 6, panel.limitLabel(), "fill=\"#c00\""));
        }
        return plotTop + height + 34;
    }

    /** An axis from min to max drawn over the plot's width, with its grid ticks. */
    private record Axis(double min, double max, boolean log, List<Double> ticks) {
        double x(double value) {
            double share = log
                ? (Math.log10(value) - Math.log10(min)) / (Math.log10(max) - Math.log10(min))
                : (value - min) / (max - min);
            return LABEL + PLOT * Math.max(0, Math.min(1, share));
        }
    }

    private static Axis logAxis(List<Bar> bars, double limit) {
        double low = Double.MAX_VALUE;
        double high = 0;
        for (Bar bar : bars) {
            low = Math.min(low, Math.max(bar.low(), bar.value() / 2));
            high = Math.max(high, bar.high());
        }
        if (!Double.isNaN(limit)) {
            low = Math.min(low, limit);
        }
        double min = Math.pow(10, Math.floor(Math.log10(low * 0.99)));   // a limit of exactly 10 gets room to its left
        double max = Math.pow(10, Math.ceil(Math.log10(high * 1.01)));
        List<Double> ticks = new ArrayList<>();
        for (double tick = min; tick <= max * 1.0001; tick *= 10) {
            ticks.add(tick);
        }
        return new Axis(min, max, true, ticks);
    }

    /** A linear axis around the bars and the limit, with a little room, ticks at a round step. */
    private static Axis linearAxis(List<Bar> bars, double limit) {
        double low = Double.isNaN(limit) ? Double.MAX_VALUE : limit;
        double high = Double.isNaN(limit) ? 0 : limit;
        for (Bar bar : bars) {
            low = Math.min(low, bar.low());
            high = Math.max(high, bar.high());
        }
        double span = Math.max(high - low, 0.01 * Math.max(Math.abs(high), 1e-9));
        double step = Math.pow(10, Math.floor(Math.log10(span / 4)));
        if (span / step > 8) {
            step *= 2;
        }
        double min = Math.floor((low - span * 0.1) / step) * step;
        double max = Math.ceil((high + span * 0.1) / step) * step;
        List<Double> ticks = new ArrayList<>();
        for (double tick = min; tick <= max + step / 2; tick += step) {
            ticks.add(Math.round(tick / step) * step);
        }
        return new Axis(min, max, false, ticks);
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
