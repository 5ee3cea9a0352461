package course.tools;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The CI workflows under .github/workflows: well-formed as far as a plain reading can tell (no tabs,
 * consistent indentation, the keys GitHub needs), actions pinned to a commit, and calling the same
 * documented commands a person would. (Their full syntax was checked with actionlint; see solutions/README.md.)
 */
class WorkflowsTest {

    private static final Path DIR = Course.findRoot().resolve(".github/workflows");

    private static String read(String name) throws Exception {
        return Files.readString(DIR.resolve(name));
    }

    /** The keys at one indentation level below {@code parent} (a line "parent:" at indent-2), in order. */
    private static List<String> keys(String yaml, String parent, int indent) {
        List<String> out = new ArrayList<>();
        boolean inside = parent == null;
        for (String line : yaml.lines().toList()) {
            if (line.isBlank() || line.strip().startsWith("#")) continue;
            int lead = line.length() - line.stripLeading().length();
            if (parent != null && lead == indent - 2 && line.strip().equals(parent + ":")) {
                inside = true;
                continue;
            }
            if (inside && parent != null && lead < indent) inside = false;
            Matcher m = Pattern.compile("^ {" + indent + "}([A-Za-z_][\\w-]*):( |$)").matcher(line);
            if (inside && m.find()) out.add(m.group(1));
        }
        return out;
    }

    @Test
    void workflowsAreWellFormed() throws Exception {
        for (String name : List.of("progress.yml", "grade-class.yml")) {
            String y = read(name);
            assertThat(y).as(name).doesNotContain("\t");
            for (String line : y.lines().toList()) {
                int lead = line.length() - line.stripLeading().length();
                assertThat(lead % 2).as(name + ": indentation of: " + line).isZero();
            }
            assertThat(keys(y, null, 0)).as(name).containsSubsequence("name", "on", "permissions", "jobs");
            for (Matcher m = Pattern.compile("uses: ([\\w./-]+)@(\\S+)").matcher(y); m.find(); ) {
                assertThat(m.group(2)).as(name + ": " + m.group(1) + " pinned to a commit").matches("[0-9a-f]{40}");
            }
            assertThat(y).as(name).contains("java-version: '25'").contains("distribution: temurin").contains("path: ~/.m2");
        }
    }

    @Test
    void progressRunsTheLearnersCommandAndNeverFailsForUnfinishedWork() throws Exception {
        String y = read("progress.yml");
        assertThat(keys(y, "jobs", 2)).containsExactly("progress");
        assertThat(y).contains("push:").contains("./mvnw -B -q -Dcourse=progress").contains("GITHUB_STEP_SUMMARY")
                .contains("|| echo");
    }

    @Test
    void gradeClassShardsWithTheSandboxRequiredAndMerges() throws Exception {
        String y = read("grade-class.yml");
        assertThat(keys(y, "jobs", 2)).containsExactly("plan", "grade", "merge");
        assertThat(keys(y, "inputs", 6)).contains("roster", "shards");
        assertThat(y).contains("workflow_dispatch:").contains("apt-get install -y -qq bubblewrap")
                .contains("-Dcourse=\"grade $args\"").contains("--roster $ROSTER --shard $SHARD --mirrors roster-clones --sandbox=required")
                .contains("grade-merge parts --out gradebook").contains("name: gradebook")
                .contains("fromJSON(needs.plan.outputs.shards)");
    }

    /** The roster token is in the one step that clones, never in git's config, .git/config or the grading step. */
    @Test
    void gradeClassKeepsTheRosterTokenInTheCloneStepOnly() throws Exception {
        String y = read("grade-class.yml");
        assertThat(y).doesNotContain("insteadOf").doesNotContain("git config");
        assertThat(y.split("actions/checkout@", -1)).hasSize(3);
        assertThat(y.split("persist-credentials: false", -1)).hasSize(3);
        List<String> steps = List.of(y.split("\n      - "));
        List<String> withToken = steps.stream().filter(st -> st.contains("secrets.ROSTER_TOKEN")).toList();
        assertThat(withToken).hasSize(1);
        assertThat(withToken.getFirst()).contains("--clone-only roster-clones").doesNotContain("--sandbox");
        assertThat(steps.stream().filter(st -> st.contains("-Dcourse=\"grade $args\"")).toList()).singleElement().asString()
                .doesNotContain("secrets.");
    }
}
