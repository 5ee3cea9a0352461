package course.tools;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The page of {@code timeline}: one self-contained HTML file (inline SVG and CSS, light and dark
 * by the reader's colour scheme, no script), a lane per thread grouped by kind, the tests along the
 * top, a legend, and the headline Timeline computed. Spans closer than a pixel are drawn as one
 * (their tooltip says how many), so a run with thousands of parks stays a small page.
 */
final class TimelinePage {

    static final int MAX_LANES_PER_GROUP = 24;
    private static final int LABEL_W = 250, PLOT_W = 1090, PAD = 10, WIDTH = PAD + LABEL_W + PLOT_W + PAD;
    private static final int TESTS_H = 30, AXIS_H = 20, GROUP_H = 20, LANE_H = 16, BAR_H = 11;

    private TimelinePage() {}

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

    static String html(String title, Timeline.Data d) {
        StringBuilder b = new StringBuilder();
        b.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>").append(esc("timeline · " + title))
                .append("</title>\n<style>\n").append(CSS).append("</style></head>\n<body>\n");
        b.append("<h1>").append(esc(title)).append(" · thread timeline</h1>\n");
        b.append("<div class=\"headline\">").append(esc(d.headline())).append("</div>\n");
        long failed = d.tests().stream().filter(t -> !"PASSED".equals(t.status())).count();
        b.append("<div class=\"meta\">").append(d.tests().size()).append(d.tests().size() == 1 ? " test (" : " tests (").append(failed == 0 ? "all passed" : failed + " did not pass, in red")
                .append("), ").append(Timeline.ms(d.end() - d.start())).append(" drawn, ").append(d.lanes().size()).append(" threads with something to show")
                .append(d.virtualThreads() > 0 ? ", " + d.virtualThreads() + " virtual threads in all" : "").append("</div>\n");
        b.append("<div class=\"legend\">");
        for (Timeline.Kind k : List.of(Timeline.Kind.RUNNING, Timeline.Kind.PARKED, Timeline.Kind.SLEEPING, Timeline.Kind.BLOCKED,
                Timeline.Kind.PINNED, Timeline.Kind.TASK)) {
            b.append("<span><i class=\"k-").append(k.name()).append("\" style=\"background:var(--").append(k.name().toLowerCase(Locale.ROOT))
                    .append(")\"></i>").append(esc(k.legend)).append("</span>");
        }
        b.append("<span><i style=\"background:var(--test-a)\"></i>a test method (top row; red: did not pass)</span></div>\n");
        b.append(svg(d));
        b.append("<p class=\"note\">Made by <code>./mvnw -q -Dcourse=\"timeline ...\"</code> from a JFR recording of the exercise's tests "
                + "(jdk.ExecutionSample, ThreadPark, ThreadSleep, JavaMonitorEnter/Wait, VirtualThreadStart/End/Pinned; read with jdk.jfr.consumer). "
                + "Running is sampled: a thread is drawn running where JFR caught it running Java code, every 10 ms at most, so bursts shorter than that may not show, "
                + "and a thread waiting in native code (an event loop waiting for I/O) shows nothing. "
                + "A worker's blue band runs from the end of one wait for work to the start of the next. "
                + "Hover a span for its length and where it happened.</p>\n");
        b.append("</body></html>\n");
        return b.toString();
    }

    static String svg(Timeline.Data d) {
        return svg(d, d.end() - d.start());
    }

    /** The lanes of {@code d} with {@code width} nanoseconds across the plot (several runs drawn to one scale). */
    static String svg(Timeline.Data d, long width) {
        Map<Timeline.Group, List<Timeline.Lane>> groups = new EnumMap<>(Timeline.Group.class);
        for (Timeline.Lane l : d.lanes()) groups.computeIfAbsent(l.group(), g -> new ArrayList<>()).add(l);
        int rows = 0;
        for (var e : groups.entrySet()) rows += Math.min(MAX_LANES_PER_GROUP, e.getValue().size()) + (e.getValue().size() > MAX_LANES_PER_GROUP ? 1 : 0);
        int height = TESTS_H + AXIS_H + groups.size() * GROUP_H + rows * LANE_H + PAD;
        double span = Math.max(1, width);
        double scale = PLOT_W / span;
        int x0 = PAD + LABEL_W;
        StringBuilder s = new StringBuilder();
        s.append("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"").append(WIDTH).append("\" height=\"").append(height)
                .append("\" viewBox=\"0 0 ").append(WIDTH).append(' ').append(height).append("\" role=\"img\" aria-label=\"thread timeline\">\n");
        // The tests, along the top.
        int i = 0;
        for (Timeline.Test t : d.tests()) {
            double a = x0 + (t.start() - d.start()) * scale, w = Math.max(1, (t.end() - t.start()) * scale);
            String cls = "PASSED".equals(t.status()) ? (i++ % 2 == 0 ? "t-a" : "t-b") : "t-FAILED";
            s.append(String.format(Locale.ROOT, "<rect class=\"%s\" x=\"%.1f\" y=\"2\" width=\"%.1f\" height=\"%d\"><title>%s</title></rect>",
                    cls, a, w, TESTS_H - 6, esc(t.name() + " · " + t.status().toLowerCase(Locale.ROOT) + " · " + Timeline.ms(t.end() - t.start()))));
            String label = fit(t.name(), w - 4);
            if (!label.isEmpty()) {
                s.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\">%s</text>", a + 3, TESTS_H / 2 + 4, esc(label)));
            }
            s.append('\n');
        }
        s.append(String.format(Locale.ROOT, "<text class=\"muted\" x=\"%d\" y=\"%d\">tests</text>\n", PAD, TESTS_H / 2 + 4));
        // The time axis.
        int axisY = TESTS_H + AXIS_H - 6;
        long step = niceStep((long) span / 10);
        for (long t = 0; t <= span; t += step) {
            double x = x0 + t * scale;
            s.append(String.format(Locale.ROOT, "<line class=\"grid\" x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\"/>", x, axisY + 2, x, height - PAD));
            if (x + 48 < WIDTH) s.append(String.format(Locale.ROOT, "<text class=\"muted\" x=\"%.1f\" y=\"%d\">%s</text>", x + 2, axisY, Timeline.ms(t)));
            s.append('\n');
        }
        int y = TESTS_H + AXIS_H;
        for (Timeline.Test t : d.tests()) {
            double a = x0 + (t.start() - d.start()) * scale;
            s.append(String.format(Locale.ROOT, "<line class=\"testline\" x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\"/>", a, TESTS_H - 4, a, height - PAD));
        }
        s.append('\n');
        for (var e : groups.entrySet()) {
            List<Timeline.Lane> lanes = new ArrayList<>(e.getValue());
            if (e.getKey() == Timeline.Group.VIRTUAL || e.getKey() == Timeline.Group.PLATFORM) {
                // The busiest, drawn in the order they started work: the page reads left to right, top to bottom.
                lanes.sort(Comparator.comparingLong(Timeline.Lane::busy).reversed().thenComparing(l -> l.name));
                lanes = new ArrayList<>(lanes.subList(0, Math.min(lanes.size(), MAX_LANES_PER_GROUP)));
                lanes.sort(Comparator.comparingLong(Timeline.Lane::firstActivity));
            } else {
                lanes.sort(Comparator.comparing((Timeline.Lane l) -> l.name.replaceAll("\\d+$", "")).thenComparingLong(l -> number(l.name)));
            }
            s.append(String.format(Locale.ROOT, "<text class=\"group\" x=\"%d\" y=\"%d\">%s</text>\n", PAD, y + GROUP_H - 6, esc(e.getKey().label)));
            y += GROUP_H;
            int n = 0;
            for (Timeline.Lane l : lanes) {
                if (n++ == MAX_LANES_PER_GROUP) break;
                if (n % 2 == 0) s.append(String.format(Locale.ROOT, "<rect class=\"band\" x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\"/>", PAD, y, WIDTH - 2 * PAD, LANE_H));
                s.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\">%s</text>", PAD + 8, y + LANE_H - 4, esc(fit(l.label(), LABEL_W - 14))));
                lane(s, l, d, x0, y, scale);
                s.append('\n');
                y += LANE_H;
            }
            int total = e.getValue().size();
            if (total > MAX_LANES_PER_GROUP) {
                s.append(String.format(Locale.ROOT, "<text class=\"muted\" x=\"%d\" y=\"%d\">… and %d more, less busy, not drawn</text>\n",
                        PAD + 8, y + LANE_H - 4, total - MAX_LANES_PER_GROUP));
                y += LANE_H;
            }
        }
        s.append("</svg>\n");
        return s.toString();
    }

    /**
     * One SVG file with several recorded runs one above the other, each under its title and
     * headline, with the legend on top: the picture a README shows (it renders in an img tag).
     */
    static String standalone(List<Timeline.Drawn> runs) {
        StringBuilder body = new StringBuilder();
        long widest = runs.stream().mapToLong(r -> r.data().end() - r.data().start()).max().orElse(1);
        int y = 8;
        // The legend, in one row.
        double x = PAD;
        for (Timeline.Kind k : List.of(Timeline.Kind.RUNNING, Timeline.Kind.PARKED, Timeline.Kind.SLEEPING, Timeline.Kind.BLOCKED,
                Timeline.Kind.PINNED, Timeline.Kind.TASK)) {
            String label = k.legend.replaceFirst(" \\(.*", "");
            body.append(String.format(Locale.ROOT, "<rect class=\"k-%s\" x=\"%.1f\" y=\"%d\" width=\"16\" height=\"10\" rx=\"2\"/><text x=\"%.1f\" y=\"%d\">%s</text>",
                    k.name(), x, y + 2, x + 21, y + 11, esc(label)));
            x += 21 + label.length() * 6.2 + 22;
        }
        body.append('\n');
        y += 24;
        for (Timeline.Drawn r : runs) {
            body.append(String.format(Locale.ROOT, "<text class=\"title\" x=\"%d\" y=\"%d\">%s</text>\n", PAD, y + 14, esc(r.title())));
            body.append(String.format(Locale.ROOT, "<text class=\"headline\" x=\"%d\" y=\"%d\">%s</text>\n", PAD, y + 32, esc(r.data().headline())));
            y += 40;
            String inner = svg(r.data(), widest);
            int h = Integer.parseInt(inner.replaceFirst("(?s)^<svg[^>]*? height=\"(\\d+)\".*", "$1"));
            body.append(inner.replaceFirst("^<svg ", "<svg x=\"0\" y=\"" + y + "\" "));
            y += h + 12;
        }
        return "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"" + WIDTH + "\" height=\"" + y + "\" viewBox=\"0 0 " + WIDTH + " " + y + "\">\n"
                + "<style>\n" + CSS.replaceAll("(?m)^\\s*(body|h1|\\.meta|\\.legend)[^\n]*\n", "")
                + "svg .title { font-size:14px; font-weight:600; } svg .headline { font-size:12.5px; }\n"
                + "</style>\n<rect width=\"100%\" height=\"100%\" style=\"fill:var(--bg)\"/>\n" + body + "</svg>\n";
    }

    /** One lane: its life line, then its spans by kind, pixel-merged. */
    private static void lane(StringBuilder s, Timeline.Lane l, Timeline.Data d, int x0, int y, double scale) {
        double born = x0 + Math.max(0, (Math.max(l.born, d.start()) - d.start()) * scale);
        double died = x0 + Math.min(PLOT_W, (Math.min(l.died, d.end()) - d.start()) * scale);
        int mid = y + LANE_H / 2;
        if (died > born) s.append(String.format(Locale.ROOT, "<line class=\"life\" x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\"/>", born, mid, died, mid));
        for (Timeline.Kind k : Timeline.Kind.values()) {
            List<Timeline.Span> spans = l.spans.stream().filter(x -> x.kind() == k).sorted(Comparator.comparingLong(Timeline.Span::start)).toList();
            boolean mustShow = k == Timeline.Kind.PINNED || k == Timeline.Kind.BLOCKED;
            double mergeGap = 0.75 / scale;
            int from = 0;
            while (from < spans.size()) {
                Timeline.Span first = spans.get(from);
                long start = first.start(), end = first.end(), total = first.length();
                int to = from + 1;
                while (to < spans.size() && spans.get(to).start() - end <= mergeGap) {
                    end = Math.max(end, spans.get(to).end());
                    total += spans.get(to).length();
                    to++;
                }
                double a = x0 + Math.max(0, (start - d.start()) * scale);
                double b = x0 + Math.min(PLOT_W, (end - d.start()) * scale);
                double w = b - a;
                if (w >= 0.5 || mustShow) {
                    w = Math.max(w, mustShow ? 2 : 1);
                    int h = k == Timeline.Kind.TASK ? 3 : BAR_H;
                    int top = k == Timeline.Kind.TASK ? y + LANE_H - 3 : y + (LANE_H - BAR_H) / 2;
                    String tip = k.legend.replaceFirst(" \\(.*", "") + " · " + Timeline.ms(total)
                            + (to - from > 1 ? " in " + (to - from) + " spans over " + Timeline.ms(end - start) : "")
                            + (first.detail().isEmpty() ? "" : " · " + first.detail());
                    s.append(String.format(Locale.ROOT, "<rect class=\"k-%s\" x=\"%.1f\" y=\"%d\" width=\"%.1f\" height=\"%d\"><title>%s</title></rect>",
                            k.name(), a, top, w, h, esc(l.name + ": " + tip)));
                }
                from = to;
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
        for (long m : new long[] {1, 2, 5, 10}) {
            if (m * p >= raw) return m * p;
        }
        return 10 * p;
    }

    /** {@code text}, cut to about {@code width} pixels (a rough 6.4 px a character). */
    static String fit(String text, double width) {
        int chars = (int) (width / 6.4);
        if (chars < 4) return "";
        return text.length() <= chars ? text : text.substring(0, chars - 1) + "…";
    }

    static String esc(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
