package course.tools;

import java.util.*;
import course.tools.TimelineData.Kind;
import course.tools.TimelineData.Lane;

/**
 * The page of {@code timeline}: one self-contained HTML file (inline SVG and CSS, light or dark, no script), a lane per thread
 * grouped by kind, the tests on top. Spans closer than a pixel are drawn as one: thousands of parks stay a small page.
 */
final class TimelinePage {

    static final int MAX_LANES_PER_GROUP = 24;
    private static final int LABEL_W = 250, PLOT_W = 1090, PAD = 10, WIDTH = PAD + LABEL_W + PLOT_W + PAD;
    private static final int TESTS_H = 30, AXIS_H = 20, GROUP_H = 20, LANE_H = 16, BAR_H = 11;
    private static final List<Kind> LEGEND = List.of(Kind.RUNNING, Kind.PARKED, Kind.SLEEPING, Kind.BLOCKED, Kind.PINNED, Kind.TASK);

    private static final String CSS = """
            :root { color-scheme: light dark; --bg:#ffffff; --fg:#1d2329; --muted:#66707a; --grid:#e3e7eb; --life:#d5dbe1;
              --running:#2e9d57; --parked:#9fb0c2; --sleeping:#e6a117; --blocked:#d9452b; --pinned:#9b3fc4; --task:#2f7fd0;
              --test-a:#e8eef5; --test-b:#d6e1ee; --test-fail:#f6c9c1; --band:#f5f7f9; }
            @media (prefers-color-scheme: dark) { :root { --bg:#15191d; --fg:#e4e8ec; --muted:#98a2ad; --grid:#2a3138; --life:#39424b;
              --running:#4cc27a; --parked:#5d6f82; --sleeping:#e8b03a; --blocked:#ff6b4f; --pinned:#c27ae6; --task:#5aa4f0;
              --test-a:#243240; --test-b:#2d3e50; --test-fail:#6b2c24; --band:#1b2025; } }
            body { background:var(--bg); color:var(--fg); font:14px/1.4 system-ui, -apple-system, "Segoe UI", sans-serif; margin:16px 20px; }
            h1 { font-size:18px; margin:0 0 4px; } .headline { font-size:16px; font-weight:600; margin:6px 0 10px; }
            .meta, .note { color:var(--muted); font-size:12.5px; } .note { max-width:1100px; margin-top:10px; }
            .legend { display:flex; flex-wrap:wrap; gap:6px 18px; margin:6px 0 10px; font-size:12.5px; }
            .legend span { display:inline-flex; align-items:center; gap:6px; }
            .legend i { display:inline-block; width:18px; height:10px; border-radius:2px; }
            svg text { fill:var(--fg); font:11.5px system-ui, -apple-system, "Segoe UI", sans-serif; }
            svg .muted { fill:var(--muted); } svg .group { font-weight:600; } svg .grid { stroke:var(--grid); stroke-width:1; }
            svg .life { stroke:var(--life); stroke-width:1; } svg .band { fill:var(--band); }
            svg .testline { stroke:var(--muted); stroke-width:0.6; stroke-dasharray:2 3; opacity:0.6; }
            .k-RUNNING { fill:var(--running); } .k-PARKED { fill:var(--parked); } .k-SLEEPING { fill:var(--sleeping); }
            .k-BLOCKED { fill:var(--blocked); } .k-PINNED { fill:var(--pinned); } .k-TASK { fill:var(--task); }
            .t-a { fill:var(--test-a); } .t-b { fill:var(--test-b); } .t-FAILED { fill:var(--test-fail); }
            """;

    static String html(String title, TimelineData d) {
        long failed = d.tests().stream().filter(t -> !"PASSED".equals(t.status())).count();
        StringBuilder b = new StringBuilder("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>" + esc("timeline · " + title)
                + "</title>\n<style>\n" + CSS + "</style></head>\n<body>\n<h1>" + esc(title) + " · thread timeline</h1>\n"
                + "<div class=\"headline\">" + esc(d.headline()) + "</div>\n<div class=\"meta\">" + d.tests().size() + (d.tests().size() == 1 ? " test (" : " tests (")
                + (failed == 0 ? "all passed" : failed + " did not pass, in red") + "), " + TimelineData.ms(d.end() - d.start()) + " drawn, " + d.lanes().size()
                + " threads with something to show" + (d.virtualThreads() > 0 ? ", " + d.virtualThreads() + " virtual threads in all" : "") + "</div>\n<div class=\"legend\">");
        for (Kind k : LEGEND) {
            b.append("<span><i class=\"k-").append(k.name()).append("\" style=\"background:var(--").append(k.name().toLowerCase(Locale.ROOT))
                    .append(")\"></i>").append(esc(k.legend)).append("</span>");
        }
        return b.append("<span><i style=\"background:var(--test-a)\"></i>a test method (top row; red: did not pass)</span></div>\n").append(svg(d, d.end() - d.start()))
                .append("<p class=\"note\">Made by <code>./mvnw -q -Dcourse=\"timeline ...\"</code> from a JFR recording of the exercise's tests "
                        + "(jdk.ExecutionSample, ThreadPark, ThreadSleep, JavaMonitorEnter/Wait, VirtualThreadStart/End/Pinned; read with jdk.jfr.consumer). "
                        + "Running is sampled: a thread is drawn running where JFR caught it running Java code, every 10 ms at most, so bursts shorter than that may not show, "
                        + "and a thread waiting in native code (an event loop waiting for I/O) shows nothing. "
                        + "A worker's blue band runs from the end of one wait for work to the start of the next. "
                        + "Hover a span for its length and where it happened.</p>\n</body></html>\n").toString();
    }

    /** The lanes of {@code d} with {@code width} nanoseconds across the plot (several runs drawn to one scale). */
    static String svg(TimelineData d, long width) {
        Map<TimelineData.Group, List<Lane>> groups = new EnumMap<>(TimelineData.Group.class);
        for (Lane l : d.lanes()) groups.computeIfAbsent(l.group(), g -> new ArrayList<>()).add(l);
        int rows = groups.values().stream().mapToInt(g -> Math.min(MAX_LANES_PER_GROUP, g.size()) + (g.size() > MAX_LANES_PER_GROUP ? 1 : 0)).sum();
        int height = TESTS_H + AXIS_H + groups.size() * GROUP_H + rows * LANE_H + PAD, x0 = PAD + LABEL_W;
        double span = Math.max(1, width), scale = PLOT_W / span;
        StringBuilder s = new StringBuilder(f("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\" role=\"img\" aria-label=\"thread timeline\">\n",
                WIDTH, height, WIDTH, height));
        int i = 0;
        for (TimelineData.Test t : d.tests()) {
            double a = x0 + (t.start() - d.start()) * scale, w = Math.max(1, (t.end() - t.start()) * scale);
            String cls = "PASSED".equals(t.status()) ? (i++ % 2 == 0 ? "t-a" : "t-b") : "t-FAILED", label = fit(t.name(), w - 4);
            s.append(f("<rect class=\"%s\" x=\"%.1f\" y=\"2\" width=\"%.1f\" height=\"%d\"><title>%s</title></rect>", cls, a, w, TESTS_H - 6,
                    esc(t.name() + " · " + t.status().toLowerCase(Locale.ROOT) + " · " + TimelineData.ms(t.end() - t.start()))));
            s.append(label.isEmpty() ? "" : f("<text x=\"%.1f\" y=\"%d\">%s</text>", a + 3, TESTS_H / 2 + 4, esc(label))).append('\n');
        }
        s.append(f("<text class=\"muted\" x=\"%d\" y=\"%d\">tests</text>\n", PAD, TESTS_H / 2 + 4));
        int axisY = TESTS_H + AXIS_H - 6;
        for (long t = 0, step = niceStep((long) span / 10); t <= span; t += step) {
            double x = x0 + t * scale;
            s.append(f("<line class=\"grid\" x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\"/>", x, axisY + 2, x, height - PAD));
            s.append(x + 48 < WIDTH ? f("<text class=\"muted\" x=\"%.1f\" y=\"%d\">%s</text>", x + 2, axisY, TimelineData.ms(t)) : "").append('\n');
        }
        for (TimelineData.Test t : d.tests()) {
            double a = x0 + (t.start() - d.start()) * scale;
            s.append(f("<line class=\"testline\" x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\"/>", a, TESTS_H - 4, a, height - PAD));
        }
        s.append('\n');
        int y = TESTS_H + AXIS_H;
        for (var e : groups.entrySet()) {
            List<Lane> lanes = new ArrayList<>(e.getValue());
            if (e.getKey() == TimelineData.Group.VIRTUAL || e.getKey() == TimelineData.Group.PLATFORM) {
                // The busiest, drawn in the order they started work: the page reads left to right, top to bottom.
                lanes.sort(Comparator.comparingLong(Lane::busy).reversed().thenComparing(l -> l.name));
                lanes = new ArrayList<>(lanes.subList(0, Math.min(lanes.size(), MAX_LANES_PER_GROUP)));
                lanes.sort(Comparator.comparingLong(Lane::firstActivity));
            } else {
                lanes.sort(Comparator.comparing((Lane l) -> l.name.replaceAll("\\d+$", "")).thenComparingLong(l -> number(l.name)));
            }
            s.append(f("<text class=\"group\" x=\"%d\" y=\"%d\">%s</text>\n", PAD, y + GROUP_H - 6, esc(e.getKey().label)));
            y += GROUP_H;
            for (int n = 1; n <= Math.min(lanes.size(), MAX_LANES_PER_GROUP); n++, y += LANE_H) {
                if (n % 2 == 0) s.append(f("<rect class=\"band\" x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\"/>", PAD, y, WIDTH - 2 * PAD, LANE_H));
                s.append(f("<text x=\"%d\" y=\"%d\">%s</text>", PAD + 8, y + LANE_H - 4, esc(fit(lanes.get(n - 1).label(), LABEL_W - 14))));
                lane(s, lanes.get(n - 1), d, x0, y, scale);
                s.append('\n');
            }
            if (e.getValue().size() > MAX_LANES_PER_GROUP) {
                s.append(f("<text class=\"muted\" x=\"%d\" y=\"%d\">… and %d more, less busy, not drawn</text>\n", PAD + 8, y + LANE_H - 4, e.getValue().size() - MAX_LANES_PER_GROUP));
                y += LANE_H;
            }
        }
        return s.append("</svg>\n").toString();
    }

    /** One SVG file of several runs one above the other, each under its title and headline, the legend on top: a README's picture. */
    static String standalone(List<Timeline.Drawn> runs) {
        StringBuilder body = new StringBuilder();
        long widest = runs.stream().mapToLong(r -> r.data().end() - r.data().start()).max().orElse(1);
        int y = 8;
        double x = PAD;
        for (Kind k : LEGEND) {
            String label = k.legend.replaceFirst(" \\(.*", "");
            body.append(f("<rect class=\"k-%s\" x=\"%.1f\" y=\"%d\" width=\"16\" height=\"10\" rx=\"2\"/><text x=\"%.1f\" y=\"%d\">%s</text>",
                    k.name(), x, y + 2, x + 21, y + 11, esc(label)));
            x += 21 + label.length() * 6.2 + 22;
        }
        body.append('\n');
        y += 24;
        for (Timeline.Drawn r : runs) {
            body.append(f("<text class=\"title\" x=\"%d\" y=\"%d\">%s</text>\n", PAD, y + 14, esc(r.title())));
            body.append(f("<text class=\"headline\" x=\"%d\" y=\"%d\">%s</text>\n", PAD, y + 32, esc(r.data().headline())));
            y += 40;
            String inner = svg(r.data(), widest);
            body.append(inner.replaceFirst("^<svg ", "<svg x=\"0\" y=\"" + y + "\" "));
            y += Integer.parseInt(inner.replaceFirst("(?s)^<svg[^>]*? height=\"(\\d+)\".*", "$1")) + 12;
        }
        return "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"" + WIDTH + "\" height=\"" + y + "\" viewBox=\"0 0 " + WIDTH + " " + y + "\">\n"
                + "<style>\n" + CSS.replaceAll("(?m)^\\s*(body|h1|\\.meta|\\.legend)[^\n]*\n", "")
                + "svg .title { font-size:14px; font-weight:600; } svg .headline { font-size:12.5px; }\n"
                + "</style>\n<rect width=\"100%\" height=\"100%\" style=\"fill:var(--bg)\"/>\n" + body + "</svg>\n";
    }

    /** One lane: its life line, then its spans by kind, those less than a pixel apart merged. */
    private static void lane(StringBuilder s, Lane l, TimelineData d, int x0, int y, double scale) {
        double born = x0 + Math.max(0, (Math.max(l.born, d.start()) - d.start()) * scale);
        double died = x0 + Math.min(PLOT_W, (Math.min(l.died, d.end()) - d.start()) * scale);
        int mid = y + LANE_H / 2;
        if (died > born) s.append(f("<line class=\"life\" x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\"/>", born, mid, died, mid));
        for (Kind k : Kind.values()) {
            List<TimelineData.Span> spans = l.spans.stream().filter(x -> x.kind() == k).sorted(Comparator.comparingLong(TimelineData.Span::start)).toList();
            boolean mustShow = k == Kind.PINNED || k == Kind.BLOCKED;
            for (int from = 0, to; from < spans.size(); from = to) {
                TimelineData.Span first = spans.get(from);
                long start = first.start(), end = first.end(), total = first.length();
                for (to = from + 1; to < spans.size() && spans.get(to).start() - end <= 0.75 / scale; to++) {
                    end = Math.max(end, spans.get(to).end());
                    total += spans.get(to).length();
                }
                double a = x0 + Math.max(0, (start - d.start()) * scale), w = x0 + Math.min(PLOT_W, (end - d.start()) * scale) - a;
                if (w < 0.5 && !mustShow) continue;
                String tip = k.legend.replaceFirst(" \\(.*", "") + " · " + TimelineData.ms(total)
                        + (to - from > 1 ? " in " + (to - from) + " spans over " + TimelineData.ms(end - start) : "") + (first.detail().isEmpty() ? "" : " · " + first.detail());
                s.append(f("<rect class=\"k-%s\" x=\"%.1f\" y=\"%d\" width=\"%.1f\" height=\"%d\"><title>%s</title></rect>", k.name(), a,
                        k == Kind.TASK ? y + LANE_H - 3 : y + (LANE_H - BAR_H) / 2, Math.max(w, mustShow ? 2 : 1), k == Kind.TASK ? 3 : BAR_H, esc(l.name + ": " + tip)));
            }
        }
    }

    private static long number(String name) {
        var m = java.util.regex.Pattern.compile("(\\d+)$").matcher(name);
        return m.find() && m.group(1).length() < 18 ? Long.parseLong(m.group(1)) : -1;
    }

    /** A tick step of 1, 2 or 5 times a power of ten nanoseconds, at least {@code raw}. */
    static long niceStep(long raw) {
        long p = 1;
        while (p * 10 <= Math.max(1, raw)) p *= 10;
        for (long m : new long[] {1, 2, 5}) if (m * p >= raw) return m * p;
        return 10 * p;
    }

    /** {@code text}, cut to about {@code width} pixels (a rough 6.4 px a character). */
    static String fit(String text, double width) {
        int chars = (int) (width / 6.4);
        return chars < 4 ? "" : text.length() <= chars ? text : text.substring(0, chars - 1) + "…";
    }

    static String esc(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    private static String f(String format, Object... args) {
        return String.format(Locale.ROOT, format, args);
    }
}
