package course.benchmarks.harness;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.DoubleUnaryOperator;
import java.util.function.ToDoubleFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The HTTP service's two panels for chart.svg: requests/s against connections and p99 latency
 * against connections, both on log axes, one line per model, and the bounds as red lines
 * (dashed: N / (W + C) and W + C; dotted: the CPU ceiling cores / C and its latency N x C / cores).
 */
final class ServerChart {

    private static final int WIDTH = 960;
    private static final int LEFT = 80;
    private static final int PLOT_WIDTH = 560;
    private static final int PLOT_HEIGHT = 230;
    private static final int PANEL = PLOT_HEIGHT + 110;
    private static final List<String> MODELS = List.of("pool", "virtual", "vertx-worker", "vertx", "vertx-virtual");

    private ServerChart() {
    }

    /** A chart of its own (ServerScenario's main). */
    static String svg(ServerScenario.Outcome o) {
        String body = panels(o, 40);
        return "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"" + WIDTH + "\" height=\"" + (40 + 2 * PANEL + 20)
            + "\" font-family=\"sans-serif\" font-size=\"12\">\n<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n"
            + text(10, 24, "The HTTP service under rising load (log axes)", "font-size=\"16\" font-weight=\"bold\"") + body + "</svg>\n";
    }

    /** The suite's chart.svg with these two panels added below its own (its height grows to fit them). */
    static String appendTo(String svg, ServerScenario.Outcome o) {
        Matcher height = Pattern.compile("height=\"(\\d+)\"").matcher(svg);
        int end = svg.lastIndexOf("</svg>");
        if (!height.find() || end < 0 || o.results().isEmpty()) {
            return svg;
        }
        int top = Integer.parseInt(height.group(1)) - 20;
        String grown = svg.substring(0, height.start()) + "height=\"" + (top + 2 * PANEL + 20) + "\"" + svg.substring(height.end(), end);
        return grown + panels(o, top) + "</svg>\n";
    }

    private static String panels(ServerScenario.Outcome o, int top) {
        StringBuilder svg = new StringBuilder();
        List<Integer> levels = o.results().stream().map(ServerResult::connections).distinct().sorted().toList();
        if (levels.isEmpty()) {
            return "";
        }
        double xMin = levels.get(0) / 1.5;
        double xMax = levels.get(levels.size() - 1) * 1.5;
        List<String> verdicts = verdicts(o);
        panel(svg, top, "HTTP service: requests/s vs connections", verdicts.get(0), o, levels, xMin, xMax, ServerResult::requestsPerSecond, List.of(
            new Limit(o::usersBound, "bound: N / (W + C)", "stroke=\"#c00\" stroke-dasharray=\"6,3\"", "#c00"),
            new Limit(n -> o.cpuCeiling(), String.format(Locale.ROOT, "CPU ceiling: cores / C = %,.0f/s", o.cpuCeiling()),
                "stroke=\"#c00\" stroke-dasharray=\"2,3\"", "#c00"),
            new Limit(n -> Math.min(o.usersBound(n), o.poolCeiling()), String.format(Locale.ROOT, "pool ceiling: %d / (W + C) = %,.0f/s",
                o.poolSize(), o.poolCeiling()), "stroke=\"" + color("pool") + "\" stroke-dasharray=\"8,3,2,3\"", color("pool"))));
        panel(svg, top + PANEL, "HTTP service: p99 latency (ms) vs connections", verdicts.get(1), o, levels, xMin, xMax, ServerResult::p99Ms, List.of(
            new Limit(n -> o.serviceMs(), String.format(Locale.ROOT, "bound: W + C = %s ms", Report.fmt(o.serviceMs())),
                "stroke=\"#c00\" stroke-dasharray=\"6,3\"", "#c00"),
            new Limit(n -> n / o.cpuCeiling() * 1000, "at the CPU ceiling: N x C / cores", "stroke=\"#c00\" stroke-dasharray=\"2,3\"", "#c00"),
            new Limit(n -> Math.max(o.serviceMs(), n / o.poolCeiling() * 1000), "pool: N / pool ceiling (queueing)",
                "stroke=\"" + color("pool") + "\" stroke-dasharray=\"8,3,2,3\"", color("pool"))));
        return svg.toString();
    }

    /** A reference line: a function of N, its legend, its stroke. */
    private record Limit(DoubleUnaryOperator f, String label, String style, String color) {
    }

    /**
     * Who wins each panel at the highest load measured, and why, from the data: "Winner at 2,000
     * connections: ..., because ...". When the machine's cores were full at that level (other
     * processes included), that is the reason: the order is then the machine's, not the model's.
     */
    static List<String> verdicts(ServerScenario.Outcome o) {
        int top = o.results().stream().mapToInt(ServerResult::connections).max().orElse(0);
        List<ServerResult> at = o.results().stream().filter(r -> r.connections() == top && r.requests() > 0).toList();
        if (at.isEmpty()) {
            return java.util.Arrays.asList(null, null);
        }
        ServerResult fastest = at.stream().max(java.util.Comparator.comparingDouble(ServerResult::requestsPerSecond)).orElseThrow();
        ServerResult quickest = at.stream().filter(r -> !Double.isNaN(r.p99Ms())).min(java.util.Comparator.comparingDouble(ServerResult::p99Ms))
            .orElse(fastest);
        String where = String.format(Locale.ROOT, "Winner at %,d connections: ", top);
        String rps = where + ServerScenario.Model.byKey(fastest.model()).label + String.format(Locale.ROOT, ", %,.0f requests/s", fastest.requestsPerSecond())
            + tied(at, fastest, r -> r.requestsPerSecond() >= 0.95 * fastest.requestsPerSecond()) + ", because " + because(o, fastest, true) + ".";
        String p99 = where + ServerScenario.Model.byKey(quickest.model()).label + ", p99 " + Report.fmt(quickest.p99Ms()) + " ms"
            + tied(at, quickest, r -> r.p99Ms() <= 1.05 * quickest.p99Ms()) + ", because " + because(o, quickest, false) + ".";
        return List.of(rps, p99);
    }

    private static String tied(List<ServerResult> at, ServerResult best, java.util.function.Predicate<ServerResult> close) {
        List<String> tied = at.stream().filter(r -> r != best && close.test(r)).map(r -> ServerScenario.Model.byKey(r.model()).label).toList();
        return tied.isEmpty() ? "" : ", tied (within 5%) with " + String.join(" and ", tied);
    }

    private static String because(ServerScenario.Outcome o, ServerResult r, boolean throughput) {
        double other = Double.isNaN(r.otherCores()) ? 0 : r.otherCores();
        double busy = r.serverCores() + r.generatorCores() + other;
        if (busy >= ServerReport.FULL * o.cores()) {
            return String.format(Locale.ROOT, "the %d cores were %.0f%% busy (other processes: %.2f): the order is the machine's limit, "
                + "not the model's", o.cores(), 100 * busy / o.cores(), other);
        }
        return switch (r.model()) {
            case "virtual" -> "a waiting request parks a virtual thread, which holds no OS thread, so requests are not capped at "
                + o.poolSize() + " waiting at once" + (throughput ? "" : ": none queues for a thread");
            case "vertx" -> "a request's wait is a timer that holds no thread, so requests are not capped at " + o.poolSize()
                + " waiting at once" + (throughput ? "" : ": none queues for a thread");
            default -> o.usersBound(r.connections()) <= o.poolCeiling()
                ? "at this load its " + o.poolSize() + " threads were enough (N / (W + C) is under its ceiling)"
                : "the others were held back by something else: report.md's targets say what";
        };
    }

    private static void panel(StringBuilder svg, int top, String title, String verdict, ServerScenario.Outcome o, List<Integer> levels,
                              double xMin, double xMax, ToDoubleFunction<ServerResult> value, List<Limit> limits) {
        List<Double> values = new ArrayList<>();
        o.results().forEach(r -> values.add(value.applyAsDouble(r)));
        for (double n : List.of(xMin, xMax)) {
            values.add(limits.get(0).f().applyAsDouble(n));
        }
        double low = values.stream().filter(v -> v > 0 && !Double.isNaN(v)).min(Double::compare).orElse(1.0);
        double high = values.stream().filter(v -> !Double.isNaN(v)).max(Double::compare).orElse(10.0);
        double yMin = Math.pow(10, Math.floor(Math.log10(low * 0.99)));
        double yMax = Math.pow(10, Math.ceil(Math.log10(high * 1.01)));
        int plotTop = top + 60;
        int plotBottom = plotTop + PLOT_HEIGHT;
        svg.append(text(10, top + 16, title, "font-weight=\"bold\""));
        int line = top + 16;
        for (String l : Chart.wrap(verdict)) {
            line += 15;
            svg.append(text(10, line, l, "fill=\"#1a5e1a\""));
        }
        for (double tick = yMin; tick <= yMax * 1.0001; tick *= 10) {
            double y = y(tick, yMin, yMax, plotTop);
            svg.append(line(LEFT, y, LEFT + PLOT_WIDTH, y, "stroke=\"#ddd\""));
            svg.append(text(LEFT - 8, y + 4, Report.fmt(tick), "fill=\"#666\" text-anchor=\"end\""));
        }
        for (int n : levels) {
            double x = x(n, xMin, xMax);
            svg.append(line(x, plotTop, x, plotBottom, "stroke=\"#eee\""));
            svg.append(text(x, plotBottom + 16, String.format(Locale.ROOT, "%,d", n), "fill=\"#666\" text-anchor=\"middle\""));
        }
        svg.append(text(LEFT + PLOT_WIDTH / 2.0, plotBottom + 32, "connections (log)", "fill=\"#666\" text-anchor=\"middle\""));
        // the limits: sampled along the axis, clipped to the plot
        for (Limit limit : limits) {
            svg.append(curve(limit.f(), xMin, xMax, yMin, yMax, plotTop, limit.style()));
        }
        // one line per model
        int legendY = plotTop + 10;
        for (String model : MODELS) {
            List<ServerResult> rows = o.results().stream().filter(r -> r.model().equals(model))
                .sorted((a, b) -> Integer.compare(a.connections(), b.connections())).toList();
            if (rows.isEmpty()) {
                continue;
            }
            StringBuilder path = new StringBuilder();
            for (ServerResult r : rows) {
                double v = value.applyAsDouble(r);
                if (!(v > 0)) {
                    continue;
                }
                double x = x(r.connections(), xMin, xMax);
                double y = y(v, yMin, yMax, plotTop);
                path.append(path.isEmpty() ? "M" : " L").append(String.format(Locale.ROOT, "%.1f %.1f", x, y));
                svg.append(String.format(Locale.ROOT, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"3.5\" fill=\"%s\"/>%n", x, y, color(model)));
            }
            svg.append(String.format(Locale.ROOT, "<path d=\"%s\" fill=\"none\" stroke=\"%s\" stroke-width=\"2\"/>%n", path, color(model)));
            int lx = LEFT + PLOT_WIDTH + 20;
            svg.append(line(lx, legendY - 4, lx + 24, legendY - 4, "stroke=\"" + color(model) + "\" stroke-width=\"2\""));
            svg.append(text(lx + 30, legendY, ServerScenario.Model.byKey(model).label, ""));
            legendY += 18;
        }
        int lx = LEFT + PLOT_WIDTH + 20;
        for (Limit limit : limits) {
            svg.append(line(lx, legendY - 4, lx + 24, legendY - 4, limit.style()));
            svg.append(text(lx + 30, legendY, limit.label(), "fill=\"" + limit.color() + "\""));
            legendY += 18;
        }
        svg.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"none\" stroke=\"#999\"/>%n",
            LEFT, plotTop, PLOT_WIDTH, PLOT_HEIGHT));
    }

    /** A function of N drawn across the panel, kept inside the plot's y range. */
    private static String curve(DoubleUnaryOperator f, double xMin, double xMax, double yMin, double yMax, int plotTop, String style) {
        StringBuilder path = new StringBuilder();
        for (int i = 0; i <= 60; i++) {
            double n = xMin * Math.pow(xMax / xMin, i / 60.0);
            double v = f.applyAsDouble(n);
            if (!(v > 0) || v < yMin || v > yMax) {
                continue;
            }
            path.append(path.isEmpty() ? "M" : " L")
                .append(String.format(Locale.ROOT, "%.1f %.1f", x(n, xMin, xMax), y(v, yMin, yMax, plotTop)));
        }
        return path.isEmpty() ? "" : String.format(Locale.ROOT, "<path d=\"%s\" fill=\"none\" %s/>%n", path, style);
    }

    private static double x(double n, double min, double max) {
        return LEFT + PLOT_WIDTH * (Math.log10(n) - Math.log10(min)) / (Math.log10(max) - Math.log10(min));
    }

    private static double y(double v, double min, double max, int plotTop) {
        return plotTop + PLOT_HEIGHT * (1 - (Math.log10(v) - Math.log10(min)) / (Math.log10(max) - Math.log10(min)));
    }

    private static String color(String model) {
        return switch (model) {
            case "pool" -> "#76b7b2";
            case "virtual" -> "#59a14f";
            case "vertx" -> "#f28e2b";
            case "vertx-worker" -> "#4e79a7";
            case "vertx-virtual" -> "#b07aa1";
            default -> "#999";
        };
    }

    private static String line(double x1, double y1, double x2, double y2, String attributes) {
        return String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" %s/>%n", x1, y1, x2, y2, attributes);
    }

    private static String text(double x, double y, String content, String attributes) {
        return String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%.1f\" %s>%s</text>%n", x, y, attributes,
            content.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;"));
    }
}
