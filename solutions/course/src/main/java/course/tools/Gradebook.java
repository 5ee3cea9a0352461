package course.tools;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A class's grades as files: grades.csv for a gradebook (one row per student) and grades.json for
 * tools (the same rows plus what a merge needs: the grader commit, the points table's hash, the
 * flags, the shard and the full list of students). Both are replaced atomically.
 */
final class Gradebook {

    /** One student's row. {@code uncommitted}: "yes", "no", or "" when unknown. */
    record Row(String student, double total, double max, Map<String, Double> scores, String repository, String ref,
               String commit, String uncommitted, String graderCommit, String gradedAt, String sandbox, String flags,
               String inputSha256, int reviewHints, String notes) {}

    /** What every row of one run shares, and what a merge checks. */
    record Meta(String graderCommit, boolean graderDirty, String pointsSha256, String flags, String shard, String rosterSha256,
                List<String> students, List<String> columns, List<String> problems) {}

    static final List<String> HEAD = List.of("student", "total", "max");
    static final List<String> TAIL = List.of("repository", "ref", "commit", "uncommitted_changes", "grader_commit", "graded_at",
            "sandbox", "flags", "input_sha256", "review_hints", "notes");

    static String csv(List<String> columns, List<Row> rows) {
        StringBuilder b = new StringBuilder();
        List<String> header = new ArrayList<>(HEAD);
        header.addAll(columns);
        header.addAll(TAIL);
        b.append(Csv.line(header));
        for (Row r : rows) {
            List<String> f = new ArrayList<>(List.of(r.student(), Json.number(r.total()), Json.number(r.max())));
            for (String c : columns) f.add(r.scores().containsKey(c) ? Json.number(r.scores().get(c)) : "");
            f.addAll(List.of(nz(r.repository()), nz(r.ref()), nz(r.commit()), nz(r.uncommitted()), nz(r.graderCommit()), nz(r.gradedAt()),
                    nz(r.sandbox()), nz(r.flags()), nz(r.inputSha256()), String.valueOf(r.reviewHints()), nz(r.notes())));
            b.append(Csv.line(f));
        }
        return b.toString();
    }

    static String json(Meta meta, List<Row> rows) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("grader_commit", meta.graderCommit());
        m.put("grader_dirty", meta.graderDirty());
        m.put("points_sha256", meta.pointsSha256());
        m.put("flags", meta.flags());
        m.put("shard", meta.shard());
        m.put("roster_sha256", meta.rosterSha256());
        m.put("students", meta.students());
        m.put("columns", meta.columns());
        m.put("problems", meta.problems());
        List<Object> rs = new ArrayList<>();
        for (Row r : rows) {
            Map<String, Object> x = new LinkedHashMap<>();
            x.put("student", r.student());
            x.put("total", r.total());
            x.put("max", r.max());
            x.put("scores", new LinkedHashMap<>(r.scores()));
            x.put("repository", r.repository());
            x.put("ref", r.ref());
            x.put("commit", r.commit());
            x.put("uncommitted_changes", r.uncommitted());
            x.put("grader_commit", r.graderCommit());
            x.put("graded_at", r.gradedAt());
            x.put("sandbox", r.sandbox());
            x.put("flags", r.flags());
            x.put("input_sha256", r.inputSha256());
            x.put("review_hints", r.reviewHints());
            x.put("notes", r.notes());
            rs.add(x);
        }
        m.put("rows", rs);
        return Json.write(m);
    }

    /** A part written by {@link #json}, read back. */
    record Part(Path file, Meta meta, List<Row> rows) {}

    @SuppressWarnings("unchecked")
    static Part read(Path file) throws IOException {
        Map<String, Object> m;
        try {
            m = (Map<String, Object>) Json.parse(Files.readString(file));
        } catch (RuntimeException e) {
            throw new IOException(file + " is not a grades.json the grader wrote: " + e.getMessage(), e);
        }
        Meta meta = new Meta(str(m.get("grader_commit")), Boolean.TRUE.equals(m.get("grader_dirty")), str(m.get("points_sha256")),
                str(m.get("flags")), str(m.get("shard")), str(m.get("roster_sha256")), strings(m.get("students")),
                strings(m.get("columns")), strings(m.get("problems")));
        List<Row> rows = new ArrayList<>();
        for (Object o : (List<Object>) m.getOrDefault("rows", List.of())) {
            Map<String, Object> x = (Map<String, Object>) o;
            Map<String, Double> scores = new LinkedHashMap<>();
            ((Map<String, Object>) x.getOrDefault("scores", Map.of())).forEach((k, v) -> scores.put(k, ((Number) v).doubleValue()));
            rows.add(new Row(str(x.get("student")), num(x.get("total")), num(x.get("max")), scores, str(x.get("repository")),
                    str(x.get("ref")), str(x.get("commit")), str(x.get("uncommitted_changes")), str(x.get("grader_commit")),
                    str(x.get("graded_at")), str(x.get("sandbox")), str(x.get("flags")), str(x.get("input_sha256")),
                    (int) num(x.get("review_hints")), str(x.get("notes"))));
        }
        return new Part(file, meta, rows);
    }

    static String sha256(Path file) throws IOException {
        return CourseTree.sha256(Files.readAllBytes(file));
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }

    private static String str(Object o) {
        return o == null ? null : o instanceof Double d ? Json.number(d) : o.toString();
    }

    private static double num(Object o) {
        return o instanceof Number n ? n.doubleValue() : 0;
    }

    private static List<String> strings(Object o) {
        if (!(o instanceof List<?> l)) return List.of();
        return l.stream().map(x -> x == null ? "" : x.toString()).toList();
    }

    private Gradebook() {}
}
