package course.benchmarks.harness;

import java.util.List;
import java.util.Locale;

/**
 * chart.svg: one panel per scenario, one bar per runner at its median, a whisker of ± the JMH
 * error, and a dashed line at the physical limit. Log scale, because the runners differ by up
 * to 1,000x (a 2-thread pool waiting 1,000 x 10 ms next to a timer).
 */
final class Chart {

    private static final int WIDTH = 960;
    private static final int LABEL = 250;
    private static final int PLOT = 600;
    private static final int ROW = 26;

    private Chart() {
    }

    static String svg(List<Measurement> all, double cpuIdealMs, String title, String noise) {
        StringBuilder body = new StringBuilder();
        body.append(text(10, 42, noise, "fill=\"#444\" font-size=\"11\""));
        int y = 56;
        y = panel(body, y, "Spawn 1,000 units (ms per call)", rows(all, "spawn"), 1, Double.NaN, null);
        y = panel(body, y, "Wait: 1,000 units x 10 ms (ms per call)", rows(all, "wait"), 1, 10, "limit 10 ms");
        y = panel(body, y, "CPU: mixing loop, 2 units per core (ms per call)", rows(all, "cpu"), 1, cpuIdealMs,
            String.format(Locale.ROOT, "ideal %.1f ms", cpuIdealMs));
        y = panel(body, y, "Switch: ping-pong (us per switch)", rows(all, "switch"), 1000.0 / 20_000, Double.NaN, null);
        return "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"" + WIDTH + "\" height=\"" + (y + 20)
            + "\" font-family=\"sans-serif\" font-size=\"12\">\n"
            + "<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n"
            + "<text x=\"10\" y=\"24\" font-size=\"16\" font-weight=\"bold\">" + escape(title)
            + " (bar: median, whisker: ± error, log scale)</text>\n"
            + body + "</svg>\n";
    }

    private static List<Measurement> rows(List<Measurement> all, String scenario) {
        return all.stream().filter(m -> m.scenario().equals(scenario) && !m.runner().equals("sequential")).toList();
    }

    /** Draws one panel; {@code scale} converts ms per call to the panel's unit. Returns the next free y. */
    private static int panel(StringBuilder svg, int top, String title, List<Measurement> rows, double scale,
                             double limit, String limitLabel) {
        if (rows.isEmpty()) {
            return top;
        }
        double low = Double.MAX_VALUE;
        double high = 0;
        for (Measurement m : rows) {
            low = Math.min(low, Math.max(m.medianMs() - m.errorMs(), m.medianMs() / 2) * scale);
            high = Math.max(high, (m.medianMs() + m.errorMs()) * scale);
        }
        if (!Double.isNaN(limit)) {
            low = Math.min(low, limit);
        }
        double min = Math.pow(10, Math.floor(Math.log10(low * 0.99)));   // a limit of exactly 10 gets room to its left
        double max = Math.pow(10, Math.ceil(Math.log10(high * 1.01)));
        svg.append(text(10, top + 16, title, "font-weight=\"bold\""));
        int plotTop = top + 24;
        int height = rows.size() * ROW;
        for (double tick = min; tick <= max * 1.0001; tick *= 10) {
            double x = x(tick, min, max);
            svg.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"#ddd\"/>%n",
                x, plotTop, x, plotTop + height));
            svg.append(text(x - 10, plotTop + height + 14, Report.fmt(tick), "fill=\"#666\""));
        }
        int y = plotTop;
        for (Measurement m : rows) {
            double median = m.medianMs() * scale;
            double error = m.errorMs() * scale;
            double x = x(median, min, max);
            svg.append(text(10, y + 17, Report.label(m.scenario(), m.runner()), ""));
            svg.append(String.format(Locale.ROOT,
                "<rect x=\"%d\" y=\"%d\" width=\"%.1f\" height=\"%d\" fill=\"%s\"/>%n",
                LABEL, y + 4, Math.max(1, x - LABEL), ROW - 8, color(m.runner())));
            double left = x(Math.max(median - error, min), min, max);
            double right = x(Math.min(median + error, max), min, max);
            svg.append(String.format(Locale.ROOT,
                "<path d=\"M%.1f %d H%.1f M%.1f %d V%d M%.1f %d V%d\" stroke=\"black\"/>%n",
                left, y + ROW / 2, right, left, y + 7, y + ROW - 7, right, y + 7, y + ROW - 7));
            svg.append(text(Math.max(x, right) + 6, y + 17, Report.fmt(median), ""));
            y += ROW;
        }
        if (!Double.isNaN(limit)) {
            double x = x(limit, min, max);
            svg.append(String.format(Locale.ROOT,
                "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"#c00\" stroke-dasharray=\"5,3\"/>%n",
                x, plotTop - 4, x, plotTop + height));
            // Beside the line, but never over the panel's title (a limit at the axis's left end).
            double titleEnd = 10 + 7.5 * title.length();
            svg.append(text(Math.max(x + 4, titleEnd + 12), plotTop - 6, limitLabel, "fill=\"#c00\""));
        }
        return plotTop + height + 34;
    }

    private static double x(double value, double min, double max) {
        return LABEL + PLOT * (Math.log10(value) - Math.log10(min)) / (Math.log10(max) - Math.log10(min));
    }

    private static String color(String runner) {
        return switch (runner) {
            case "platform" -> "#4e79a7";
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
