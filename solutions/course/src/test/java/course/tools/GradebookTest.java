package course.tools;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class GradebookTest {

    static Gradebook.Row row(String student, double a, double b) {
        Map<String, Double> scores = new LinkedHashMap<>();
        scores.put("m/Ex01", a);
        scores.put("m/Ex02", b);
        return new Gradebook.Row(student, a + b, 20, scores, "/srv/" + student, "main", "abc", "no", "c0ffee", "2026-01-01T00:00:00Z",
                "bwrap 0.8.0", "--modules m --sandbox=required", "f00d", 0, "");
    }

    static Gradebook.Meta meta(String shard, List<String> students) {
        return new Gradebook.Meta("c0ffee", false, "p01", "--modules m --sandbox=required", shard, "r01", students, List.of("m/Ex01", "m/Ex02"), List.of());
    }

    @Test
    void csvHasStudentTotalsExercisesAndProvenance(@TempDir Path dir) throws Exception {
        Gradebook.writeClass(dir, meta("1/1", List.of("ann, the first")), List.of(row("ann, the first", 10, 2.5)));
        assertThat(Files.readAllLines(dir.resolve("grades.csv"))).containsExactly(
                "student,total,max,m/Ex01,m/Ex02,repository,ref,commit,uncommitted_changes,grader_commit,graded_at,sandbox,flags,input_sha256,review_hints,notes",
                "\"ann, the first\",12.50,20,10,2.50,\"/srv/ann, the first\",main,abc,no,c0ffee,2026-01-01T00:00:00Z,bwrap 0.8.0,--modules m --sandbox=required,f00d,0,");
    }

    @Test
    void aPartRoundTripsAndIsReplacedAtomically(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("out");
        Gradebook.Meta meta = new Gradebook.Meta("c0ffee", true, "p01", "--modules m", "1/1", null, List.of("ann", "bob, jr"),
                List.of("m/Ex01", "m/Ex02"), List.of("row 3: a\ttab and\na line break"));
        Gradebook.writeClass(out, meta, List.of(row("ann", 10, 5), row("bob, jr", 2.5, 0)));
        Gradebook.Part part = Gradebook.read(out);
        assertThat(part.meta()).isEqualTo(meta);
        assertThat(part.rows()).containsExactly(row("ann", 10, 5), row("bob, jr", 2.5, 0));
        Course.writeAtomically(out.resolve("grades.csv"), "second\n");
        assertThat(Files.readString(out.resolve("grades.csv"))).isEqualTo("second\n");
        try (var s = Files.list(out)) {
            assertThat(s.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("grades.csv", "run.tsv");
        }
    }

    private static Gradebook.Part part(String name, Gradebook.Meta meta, Gradebook.Row... rows) {
        return new Gradebook.Part(Path.of(name), meta, List.of(rows));
    }

    @Test
    void mergeKeepsClassOrderAndReportsMissingAndDuplicated() {
        List<String> cls = List.of("ann", "bob", "cid", "dee");
        var merged = GradeMerge.merge(List.of(
                part("p2", meta("2/3", cls), row("bob", 1, 1)),
                part("p1", meta("1/3", cls), row("ann", 10, 10), row("dee", 5, 5)),
                part("p1again", meta("1/3", cls), row("ann", 10, 10))));
        assertThat(merged.rows()).extracting(Gradebook.Row::student).containsExactly("ann", "bob", "dee");
        assertThat(merged.missing()).containsExactly("cid");
        assertThat(merged.duplicated()).containsExactly("ann");
        assertThat(merged.meta().problems()).anyMatch(p -> p.equals("missing part: shard 3/3")).anyMatch(p -> p.startsWith("missing: cid"));
    }

    @Test
    void mergeRefusesPartsThatDoNotBelongTogether() {
        List<String> cls = List.of("ann", "bob");
        Gradebook.Meta a = meta("1/2", cls);
        for (Gradebook.Meta b : List.of(
                new Gradebook.Meta("deadbeef", false, "p01", a.flags(), "2/2", "r01", cls, a.columns(), List.of()),
                new Gradebook.Meta("c0ffee", false, "p02", a.flags(), "2/2", "r01", cls, a.columns(), List.of()),
                new Gradebook.Meta("c0ffee", false, "p01", "--modules m --only Ex01 --sandbox=required", "2/2", "r01", cls, a.columns(), List.of()),
                new Gradebook.Meta("c0ffee", false, "p01", a.flags(), "2/3", "r01", cls, a.columns(), List.of()))) {
            assertThatThrownBy(() -> GradeMerge.merge(List.of(part("a", a, row("ann", 1, 1)), part("b", b, row("bob", 1, 1)))))
                    .hasMessageContaining("parts differ in their");
        }
    }
}
