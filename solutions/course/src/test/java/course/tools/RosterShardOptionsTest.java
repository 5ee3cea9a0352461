package course.tools;

import course.tools.GradeOptions.Shard;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RosterShardOptionsTest {

    @Test
    void rosterReadsGoodRowsAndKeepsBadOnesWithTheirProblem() {
        Roster r = Roster.parse("""
                Student, Repository ,Ref
                ann,https://git.example.org/ann/course.git,main
                "bob, jr",/srv/bob,
                cid,,main
                ,/srv/nobody,
                ann,/srv/ann-again,
                dee,"/srv/with ""quotes""\",v1.0
                eve,/srv/eve,main,extra
                """);
        assertThat(r.entries()).extracting(Roster.Entry::student).containsExactly("ann", "bob, jr", "cid", "dee", "eve");
        assertThat(r.entries().get(0)).isEqualTo(new Roster.Entry(2, "ann", "https://git.example.org/ann/course.git", "main", null));
        assertThat(r.entries().get(1).ref()).isNull();
        assertThat(r.entries().get(2).problem()).contains("no repository");
        assertThat(r.entries().get(3).repository()).isEqualTo("/srv/with \"quotes\"");
        assertThat(r.entries().get(4).problem()).contains("fields");
        assertThat(r.problems()).hasSize(2);
        assertThat(r.problems().get(0)).contains("row 5").contains("no student id");
        assertThat(r.problems().get(1)).contains("row 6").contains("ann again");
    }

    @Test
    void rosterColumnsMayComeInAnyOrderAndRefIsOptional() {
        Roster r = Roster.parse("repository,student\n/srv/a,a\n");
        assertThat(r.entries()).containsExactly(new Roster.Entry(2, "a", "/srv/a", null, null));
    }

    @Test
    void rosterNeedsAHeader() {
        assertThatThrownBy(() -> Roster.parse("ann,/srv/ann,main\n")).hasMessageContaining("first row must name its columns");
        assertThatThrownBy(() -> Roster.parse("")).hasMessageContaining("empty");
    }

    @Test
    void shardsCoverEveryEntryExactlyOnceAndDifferByAtMostOne() {
        List<Integer> all = IntStream.range(0, 7).boxed().toList();
        List<Integer> seen = new ArrayList<>();
        List<Integer> sizes = new ArrayList<>();
        for (int i = 1; i <= 3; i++) {
            List<Integer> part = Shard.parse(i + "/3").slice(all);
            assertThat(part).isEqualTo(new Shard(i, 3).slice(all)); // deterministic
            seen.addAll(part);
            sizes.add(part.size());
        }
        assertThat(seen).containsExactlyInAnyOrderElementsOf(all);
        assertThat(sizes).containsExactly(3, 2, 2);
        assertThat(Shard.ALL.slice(all)).isEqualTo(all);
        assertThat(new Shard(3, 5).slice(List.of(1))).isEmpty();
    }

    @Test
    void shardRefusesNonsense() {
        for (String bad : List.of("0/3", "4/3", "1", "a/b", "1/0")) {
            assertThatThrownBy(() -> Shard.parse(bad)).as(bad).hasMessageContaining("--shard");
        }
    }

    @Test
    void optionsParseBothSpellingsAndNormaliseTheGradingFlags() {
        Path cwd = Path.of("/work/course");
        GradeOptions o = GradeOptions.parse(List.of("--only", "Ex01,Ex02", "--out=grades", "--sandbox=required", "--shard", "2/3",
                "--module-limit", "120", "--points", "/p.properties", "--modules", "module-01", "sub", "git@h:x.git#main"), cwd);
        assertThat(o.submissions()).containsExactly("sub", "git@h:x.git#main");
        assertThat(o.out()).isEqualTo(Path.of("/work/course/grades"));
        assertThat(o.only()).containsExactly("Ex01", "Ex02");
        assertThat(o.sandbox()).isEqualTo(Sandbox.Mode.REQUIRED);
        assertThat(o.shard()).isEqualTo(new Shard(2, 3));
        assertThat(o.moduleLimit()).isEqualTo(Duration.ofSeconds(120));
        assertThat(o.gradingFlags(List.of("module-01-threads")))
                .isEqualTo("--modules module-01-threads --only Ex01,Ex02 --module-limit 120 --sandbox=required");
        GradeOptions defaults = GradeOptions.parse(List.of("--batch", "class"), cwd);
        assertThat(defaults.batch()).isEqualTo(Path.of("/work/course/class"));
        assertThat(defaults.sandbox()).isEqualTo(Sandbox.Mode.AUTO);
        assertThat(defaults.shard()).isEqualTo(Shard.ALL);
        assertThat(defaults.moduleLimit()).isEqualTo(Duration.ofMinutes(10));
    }

    @Test
    void cloneOnlyAndMirrorsAreFoldersAndNotGradingFlags() {
        Path cwd = Path.of("/work/course");
        GradeOptions c = GradeOptions.parse(List.of("--roster", "r.csv", "--shard", "1/2", "--clone-only", "clones"), cwd);
        assertThat(c.cloneOnly()).isEqualTo(Path.of("/work/course/clones"));
        GradeOptions m = GradeOptions.parse(List.of("--roster", "r.csv", "--mirrors=clones"), cwd);
        assertThat(m.mirrors()).isEqualTo(Path.of("/work/course/clones"));
        assertThat(m.gradingFlags(List.of("module-01-threads"))).doesNotContain("clones");
        assertThatThrownBy(() -> GradeOptions.parse(List.of("--roster", "r.csv", "--mirrors", "a", "--clone-only", "a"), cwd))
                .hasMessageContaining("give one of them");
    }

    /** Text from a submission's run, as a report shows it: one line, no control or format characters, shortened. */
    @Test
    void reportTextIsCleanedAndShortened() {
        assertThat(Grader.clean("expected 3\n\tbut was \u001b[31m4\u001b[0m \u202eevil")).isEqualTo("expected 3 but was [31m4 [0m evil");
        String huge = "x".repeat(100_000);
        assertThat(Grader.clean(huge)).hasSize(Grader.MAX_MESSAGE).endsWith("...");
        assertThat(Grader.clean(null)).isEmpty();
    }

    @Test
    void optionsRefuseWhatMakesNoSense() {
        Path cwd = Path.of("/w");
        assertThatThrownBy(() -> GradeOptions.parse(List.of(), cwd)).hasMessageContaining("name at least one submission");
        assertThatThrownBy(() -> GradeOptions.parse(List.of("--out"), cwd)).hasMessageContaining("--out needs a value");
        assertThatThrownBy(() -> GradeOptions.parse(List.of("--frobnicate", "x", "sub"), cwd)).hasMessageContaining("unknown option --frobnicate");
        assertThatThrownBy(() -> GradeOptions.parse(List.of("--sandbox=maybe", "sub"), cwd)).hasMessageContaining("auto, off or required");
        assertThatThrownBy(() -> GradeOptions.parse(List.of("--module-limit", "soon", "sub"), cwd)).hasMessageContaining("seconds");
        assertThatThrownBy(() -> GradeOptions.parse(List.of("--roster", "r.csv", "sub"), cwd)).hasMessageContaining("--roster grades the roster");
    }
}
