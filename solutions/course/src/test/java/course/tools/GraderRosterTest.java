package course.tools;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The classroom path without Maven (a stand-in runner): a roster of local repositories graded in
 * one run and as three shards, merged; bad rows; partial credit for a file that does not compile.
 */
class GraderRosterTest {

    private static final String M = FakeCourse.MODULE;
    private static final String PKG = M + "/src/main/java/course/demo/";

    @Test
    void threeShardsMergedEqualOneRunRowForRow(@TempDir Path dir) throws Exception {
        Path course = FakeCourse.create(dir.resolve("course"));
        Path repos = dir.resolve("repos");
        FakeCourse.learner(repos.resolve("ann"), Map.of(PKG + "Ex01_First.java", FakeCourse.solved("Ex01_First"),
                PKG + "Ex02_Second.java", FakeCourse.solved("Ex02_Second")));
        FakeCourse.learner(repos.resolve("bob"), Map.of(PKG + "Ex01_First.java", FakeCourse.solved("Ex01_First")));
        FakeCourse.learner(repos.resolve("cid"), Map.of());
        FakeCourse.learner(repos.resolve("dee"), Map.of(PKG + "Ex02_Second.java", FakeCourse.solved("Ex02_Second"),
                PKG + "Ex01_First.java", FakeCourse.solved("Ex01_First").replace("SOLVED", "SOLVED BROKEN")));
        Path eve = FakeCourse.learner(repos.resolve("eve"), Map.of());
        FakeCourse.git(eve, "checkout", "-q", "-b", "handin");
        FakeCourse.write(eve.resolve(PKG + "Ex02_Second.java"), FakeCourse.solved("Ex02_Second"));
        FakeCourse.commitAll(eve, "hand in");
        FakeCourse.git(eve, "checkout", "-q", "main");
        FakeCourse.learner(repos.resolve("fay"), Map.of(PKG + "Ex01_First.java", FakeCourse.solved("Ex01_First"),
                PKG + "Spy.java", "package course.demo;\nclass Spy { static { System.exit(0); } }\n"));
        Path roster = dir.resolve("roster.csv");
        Files.writeString(roster, """
                student,repository,ref
                ann,repos/ann,
                bob,%s,main
                cid,repos/cid,main
                dee,repos/dee,
                eve,repos/eve,handin
                fay,repos/fay,
                gus,repos/nobody-here,
                hal,repos/ann,no-such-branch
                ,repos/ann,
                """.formatted("file://" + repos.resolve("bob")));

        List<Grader.Grade> one = new Grader(course).withRunner(FakeCourse.runner())
                .gradeCommandLine(List.of("--roster", roster.toString(), "--out", dir.resolve("one").toString()));
        assertThat(one).extracting(g -> g.student() + "=" + g.total()).containsExactly(
                "ann=15.0", "bob=10.0", "cid=0.0", "dee=5.0", "eve=5.0", "fay=10.0", "gus=0.0", "hal=0.0");
        Grader.Grade dee = one.get(3);
        assertThat(dee.scores().getFirst().note()).startsWith("does not compile: course/demo/Ex01_First.java:4 cannot find symbol");
        assertThat(one.get(6).notes()).singleElement().asString().startsWith("clone failed");
        assertThat(one.get(7).notes()).containsExactly("ref not found: no-such-branch");
        assertThat(one.get(5).hints()).singleElement().satisfies(h -> assertThat(h.what()).startsWith("ends the JVM"));
        assertThat(one.get(0).provenance().commit()).isEqualTo(FakeCourse.git(repos.resolve("ann"), "rev-parse", "HEAD").strip());
        assertThat(one.get(4).provenance().commit()).isEqualTo(FakeCourse.git(eve, "rev-parse", "handin").strip());
        assertThat(one.get(0).provenance().graderCommit()).isEqualTo(FakeCourse.git(course, "rev-parse", "HEAD").strip());

        List<Path> parts = new ArrayList<>();
        for (int i = 1; i <= 3; i++) {
            Path out = dir.resolve("parts/shard-" + i);
            new Grader(course).withRunner(FakeCourse.runner())
                    .gradeCommandLine(List.of("--roster", roster.toString(), "--shard", i + "/3", "--out", out.toString()));
            parts.add(out);
        }
        Path merged = dir.resolve("merged");
        assertThat(new GradeMerge(course).run(List.of(dir.resolve("parts").toString(), "--out", merged.toString()))).isZero();

        List<List<String>> a = withoutDates(Files.readString(dir.resolve("one/grades.csv")));
        List<List<String>> b = withoutDates(Files.readString(merged.resolve("grades.csv")));
        assertThat(b).isEqualTo(a);
        assertThat(b).extracting(r -> r.getFirst()).containsExactly("student", "ann", "bob", "cid", "dee", "eve", "fay", "gus", "hal");
        assertThat(Csv.parse(Files.readString(merged.resolve("grades.csv"))).getFirst())
                .contains("student", "commit", "grader_commit", "graded_at", M + "/Ex01_First", M + "/Ex02_Second");
        assertThat(Files.readString(merged.resolve("run.tsv"))).contains("problem\trow 10: no student id");

        // A part missing: merge says who is missing and fails.
        Path incomplete = dir.resolve("incomplete");
        assertThat(new GradeMerge(course).run(List.of(parts.get(0).toString(), parts.get(1).toString(), "--out", incomplete.toString()))).isEqualTo(1);
        assertThat(Files.readString(incomplete.resolve("run.tsv"))).contains("problem\tmissing part: shard 3/3").contains("problem\tmissing: cid");
        // Parts of another point table: refused.
        Path otherPoints = dir.resolve("points.properties");
        Files.writeString(otherPoints, "default = 20\n");
        Path other = dir.resolve("other");
        new Grader(course).withRunner(FakeCourse.runner()).gradeCommandLine(List.of("--roster", roster.toString(), "--shard", "3/3",
                "--points", otherPoints.toString(), "--out", other.toString()));
        assertThatThrownBy(() -> new GradeMerge(course).run(List.of(parts.get(0).toString(), parts.get(1).toString(), other.toString(),
                "--out", dir.resolve("refused").toString()))).isInstanceOf(ToolException.class).hasMessageStartingWith("refused: ");
        assertThat(dir.resolve("refused")).doesNotExist();
    }

    @Test
    void aFolderIsGradedAsItIsWithItsCommitAndWhetherItHadUncommittedWork(@TempDir Path dir) throws Exception {
        Path course = FakeCourse.create(dir.resolve("course"));
        Path ann = FakeCourse.learner(dir.resolve("class/ann"), Map.of());
        FakeCourse.write(ann.resolve(PKG + "Ex01_First.java"), FakeCourse.solved("Ex01_First")); // not committed
        Files.createDirectories(dir.resolve("class/bob/" + M + "/src/main/java/course/demo")); // no git, no files
        List<Grader.Grade> grades = new Grader(course).withRunner(FakeCourse.runner())
                .gradeCommandLine(List.of("--batch", dir.resolve("class").toString(), "--out", dir.resolve("out").toString()));
        assertThat(grades).extracting(g -> g.student() + "=" + g.total()).containsExactly("ann=10.0", "bob=0.0");
        assertThat(grades.get(0).provenance().uncommitted()).isEqualTo("yes");
        assertThat(grades.get(0).provenance().commit()).isEqualTo(FakeCourse.git(ann, "rev-parse", "HEAD").strip());
        assertThat(grades.get(1).provenance().commit()).isNull();
        assertThat(Files.readString(dir.resolve("out/ann/report.md"))).contains("uncommitted changes in the graded folders: yes");
        assertThat(Files.readString(dir.resolve("out/ann/report.json"))).contains("\"uncommitted_changes\": true");
    }

    /** --clone-only takes a shard's repositories in (the step with the token); --mirrors grades them with their URLs as provenance. */
    @Test
    void cloneOnlyThenMirrorsGradesFromTheMirrors(@TempDir Path dir) throws Exception {
        Path course = FakeCourse.create(dir.resolve("course"));
        Path ann = FakeCourse.learner(dir.resolve("repos/ann"), Map.of(PKG + "Ex01_First.java", FakeCourse.solved("Ex01_First")));
        Path roster = dir.resolve("roster.csv");
        Files.writeString(roster, "student,repository,ref\nann,repos/ann,main\n");
        assertThat(new Grader(course).run(List.of("--roster", roster.toString(), "--clone-only", dir.resolve("clones").toString()))).isZero();
        assertThat(dir.resolve("clones/ann.git/HEAD")).exists();
        Files.move(ann, dir.resolve("moved-away")); // only the mirror is left to grade from
        List<Grader.Grade> grades = new Grader(course).withRunner(FakeCourse.runner()).gradeCommandLine(List.of("--roster", roster.toString(),
                "--mirrors", dir.resolve("clones").toString(), "--out", dir.resolve("out").toString()));
        assertThat(grades).extracting(g -> g.student() + "=" + g.total()).containsExactly("ann=10.0");
        assertThat(grades.getFirst().provenance().repository()).endsWith("repos/ann");
    }

    private static List<List<String>> withoutDates(String csv) {
        List<List<String>> rows = Csv.parse(csv);
        int date = rows.getFirst().indexOf("graded_at");
        return rows.stream().map(r -> {
            List<String> x = new ArrayList<>(r);
            x.remove(date);
            return (List<String>) x;
        }).toList();
    }
}
