package course.tools;

import java.io.IOException;
import java.nio.file.*;
import java.util.*;
import java.util.stream.Collectors;

/**
 * Reporting: per submission report.md (for a person) and report.json (for tools); for the class grades.csv
 * (one row per student) and run.tsv (what every row shares, and what grade-merge checks: the grader
 * commit, the points' hash, the flags, the shard, the roster and the whole class). All replaced atomically.
 */
final class Gradebook {

    /** One student's row. {@code uncommitted}: "yes", "no", or "" when unknown. */
    record Row(String student, double total, double max, Map<String, Double> scores, String repository, String ref,
               String commit, String uncommitted, String graderCommit, String gradedAt, String sandbox, String flags,
               String inputSha256, int reviewHints, String notes) {}

    /** What every row of one run shares, and what a merge checks. */
    record Meta(String graderCommit, boolean graderDirty, String pointsSha256, String flags, String shard, String rosterSha256,
                List<String> students, List<String> columns, List<String> problems) {}

    /** The grades.csv and run.tsv of one folder, read back. */
    record Part(Path file, Meta meta, List<Row> rows) {}

    static final List<String> HEAD = List.of("student", "total", "max");
    static final List<String> TAIL = List.of("repository", "ref", "commit", "uncommitted_changes", "grader_commit", "graded_at",
            "sandbox", "flags", "input_sha256", "review_hints", "notes");

    static Row row(Grader.Grade g) {
        Map<String, Double> scores = new LinkedHashMap<>();
        g.scores().forEach(s -> scores.put(s.module() + "/" + s.exercise(), s.score()));
        Grader.Provenance p = g.provenance();
        return new Row(g.student(), g.total(), g.max(), scores, p.repository(), p.ref(), p.commit(), p.uncommitted(), p.graderCommit(),
                p.gradedAt(), p.sandbox(), p.flags(), p.inputSha256(), g.hints().size(), Grader.clean(String.join("; ", g.notes()), 1000));
    }

    static void writeReports(Path dir, Grader.Grade g) throws IOException {
        Course.writeAtomically(dir.resolve("report.md"), markdown(g));
        Course.writeAtomically(dir.resolve("report.json"), json(g));
    }

    static String markdown(Grader.Grade g) {
        StringBuilder b = new StringBuilder("# Grade: " + g.student() + "\n\n");
        b.append(String.format(Locale.ROOT, "**%.1f / %.1f points**%n%n", g.total(), g.max()));
        b.append("| module | exercise | tests passed | score | note |\n|---|---|---|---|---|\n");
        for (Grader.Score s : g.scores()) {
            b.append(String.format(Locale.ROOT, "| %s | %s | %d / %d | %.1f / %.1f | %s |%n", s.module(), s.exercise(),
                    s.passed(), s.tests(), s.score(), s.points(), Grader.clean(s.note(), 1000).replace("|", "\\|")));
        }
        Grader.Provenance p = g.provenance();
        b.append("\n## Provenance\n\n");
        b.append("- submission: ").append(p.repository()).append(p.ref() == null ? "" : " at " + p.ref()).append('\n');
        b.append("- commit: ").append(p.commit() == null ? "none" : p.commit())
         .append(p.uncommitted().isEmpty() ? "" : " (uncommitted changes in the graded folders: " + p.uncommitted() + ")").append('\n');
        b.append("- graded: ").append(p.gradedAt()).append(" by the grader at commit ").append(p.graderCommit())
         .append(p.graderDirty() ? " (its tools had uncommitted changes)" : "").append('\n');
        b.append("- sandbox: ").append(p.sandbox()).append('\n');
        b.append("- flags: `").append(p.flags()).append("`; points table sha256 ").append(p.pointsSha256()).append('\n');
        b.append("- taken files: ").append(p.takenFiles()).append(", sha256 ").append(p.inputSha256()).append('\n');
        section(b, "Notes", g.notes());
        section(b, "Review hints (uses that have no place in these exercises: a flag for a person, not a penalty)",
                g.hints().stream().map(JavaSources.Hint::toString).toList());
        section(b, "Ignored (never compiled or run)", g.ignored());
        return b.toString();
    }

    private static void section(StringBuilder b, String title, List<String> items) {
        if (items.isEmpty()) return;
        b.append("\n## ").append(title).append("\n\n");
        items.forEach(i -> b.append("- ").append(Grader.clean(i, 1000)).append('\n'));
    }

    static String json(Grader.Grade g) {
        Grader.Provenance p = g.provenance();
        Map<String, Object> prov = map("repository", p.repository(), "ref", p.ref(), "commit", p.commit(),
                "uncommitted_changes", p.uncommitted().isEmpty() ? null : p.uncommitted().equals("yes"), "grader_commit", p.graderCommit(),
                "grader_dirty", p.graderDirty(), "graded_at", p.gradedAt(), "flags", p.flags(), "sandbox", p.sandbox(),
                "points_sha256", p.pointsSha256(), "taken_files", p.takenFiles(), "input_sha256", p.inputSha256());
        return json(map("student", g.student(), "total", g.total(), "max", g.max(), "provenance", prov,
                "exercises", g.scores().stream().map(s -> map("module", s.module(), "exercise", s.exercise(), "passed", s.passed(),
                        "tests", s.tests(), "points", s.points(), "score", s.score(), "note", Grader.clean(s.note(), 1000))).toList(),
                "notes", g.notes().stream().map(n -> Grader.clean(n, 1000)).toList(),
                "review_hints", g.hints().stream().map(h -> map("file", h.file(), "line", h.line(), "what", h.what())).toList(),
                "ignored", g.ignored().stream().map(n -> Grader.clean(n, 1000)).toList()), "") + "\n";
    }

    private static Map<String, Object> map(Object... keysAndValues) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) m.put((String) keysAndValues[i], keysAndValues[i + 1]);
        return m;
    }

    /** A value as JSON, indented: String, Number, Boolean, null, Map (an object) or List; a list of plain values on one line. */
    private static String json(Object v, String indent) {
        String in = indent + "  ";
        return switch (v) {
            case null -> "null";
            case String s -> quote(s);
            case Double d -> number(d);
            case Number n -> n.toString();
            case Boolean x -> x.toString();
            case Map<?, ?> m when m.isEmpty() -> "{}";
            case Map<?, ?> m -> m.entrySet().stream().map(e -> in + quote(e.getKey().toString()) + ": " + json(e.getValue(), in))
                    .collect(Collectors.joining(",\n", "{\n", "\n" + indent + "}"));
            case List<?> l when l.stream().noneMatch(x -> x instanceof Map || x instanceof List) ->
                    l.stream().map(x -> json(x, indent)).collect(Collectors.joining(", ", "[", "]"));
            case List<?> l -> l.stream().map(x -> in + json(x, in)).collect(Collectors.joining(",\n", "[\n", "\n" + indent + "]"));
            default -> quote(v.toString());
        };
    }

    private static String quote(String s) {
        StringBuilder b = new StringBuilder("\"");
        s.chars().forEach(c -> b.append(switch (c) {
            case '"' -> "\\\"";
            case '\\' -> "\\\\";
            case '\n' -> "\\n";
            case '\r' -> "\\r";
            case '\t' -> "\\t";
            default -> c < 0x20 ? String.format("\\u%04x", c) : String.valueOf((char) c);
        }));
        return b.append('"').toString();
    }

    /** A number as the reports write it: 10 rather than 10.0, at most two decimals. */
    static String number(double d) {
        return d == Math.rint(d) && Math.abs(d) < 1e15 ? String.valueOf((long) d) : String.format(Locale.ROOT, "%.2f", d);
    }

    /** Writes grades.csv and run.tsv into {@code out}. */
    static void writeClass(Path out, Meta meta, List<Row> rows) throws IOException {
        List<String> header = new ArrayList<>(HEAD);
        header.addAll(meta.columns());
        header.addAll(TAIL);
        StringBuilder csv = new StringBuilder(Csv.line(header));
        for (Row r : rows) {
            List<String> f = new ArrayList<>(List.of(r.student(), number(r.total()), number(r.max())));
            for (String c : meta.columns()) f.add(r.scores().containsKey(c) ? number(r.scores().get(c)) : "");
            f.addAll(List.of(nz(r.repository()), nz(r.ref()), nz(r.commit()), nz(r.uncommitted()), nz(r.graderCommit()), nz(r.gradedAt()),
                    nz(r.sandbox()), nz(r.flags()), nz(r.inputSha256()), String.valueOf(r.reviewHints()), nz(r.notes())));
            csv.append(Csv.line(f));
        }
        StringBuilder tsv = new StringBuilder();
        Map<String, Object> fields = map("grader_commit", meta.graderCommit(), "grader_dirty", meta.graderDirty(), "points_sha256", meta.pointsSha256(),
                "flags", meta.flags(), "shard", meta.shard(), "roster_sha256", meta.rosterSha256(), "student", meta.students(),
                "column", meta.columns(), "problem", meta.problems());
        fields.forEach((k, v) -> (v instanceof List<?> l ? l : v == null ? List.of() : List.of(v))
                .forEach(x -> tsv.append(k).append('\t').append(Tsv.escape(x.toString())).append('\n')));
        Course.writeAtomically(out.resolve("grades.csv"), csv.toString());
        Course.writeAtomically(out.resolve("run.tsv"), tsv.toString());
    }

    /** What {@link #writeClass} wrote into {@code dir}. */
    static Part read(Path dir) throws IOException {
        Map<String, List<String>> f = new HashMap<>();
        for (String line : Files.readAllLines(dir.resolve("run.tsv"))) {
            int tab = line.indexOf('\t');
            if (tab < 0) throw new ToolException(dir.resolve("run.tsv") + " is not a run.tsv the grader wrote: " + line);
            f.computeIfAbsent(line.substring(0, tab), k -> new ArrayList<>()).add(Tsv.unescape(line.substring(tab + 1)));
        }
        Meta meta = new Meta(one(f, "grader_commit"), "true".equals(one(f, "grader_dirty")), one(f, "points_sha256"), one(f, "flags"),
                one(f, "shard"), one(f, "roster_sha256"), f.getOrDefault("student", List.of()), f.getOrDefault("column", List.of()),
                f.getOrDefault("problem", List.of()));
        List<List<String>> csv = Csv.parse(Files.readString(dir.resolve("grades.csv")));
        int n = meta.columns().size();
        List<Row> rows = new ArrayList<>();
        try {
            for (List<String> r : csv.subList(1, csv.size())) {
                Map<String, Double> scores = new LinkedHashMap<>();
                for (int i = 0; i < n; i++) if (!r.get(3 + i).isEmpty()) scores.put(meta.columns().get(i), Double.parseDouble(r.get(3 + i)));
                List<String> t = r.subList(3 + n, r.size());
                rows.add(new Row(r.get(0), Double.parseDouble(r.get(1)), Double.parseDouble(r.get(2)), scores, t.get(0), t.get(1), t.get(2),
                        t.get(3), t.get(4), t.get(5), t.get(6), t.get(7), t.get(8), Integer.parseInt(t.get(9)), t.get(10)));
            }
        } catch (RuntimeException e) {
            throw new ToolException(dir.resolve("grades.csv") + " is not a grades.csv the grader wrote: " + e.getMessage());
        }
        return new Part(dir, meta, rows);
    }

    private static String one(Map<String, List<String>> fields, String key) {
        return fields.containsKey(key) ? fields.get(key).getFirst() : null;
    }

    static String sha256(Path file) throws IOException {
        return CourseTree.sha256(Files.readAllBytes(file));
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }

    private Gradebook() {}
}
