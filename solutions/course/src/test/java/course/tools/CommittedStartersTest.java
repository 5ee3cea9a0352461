package course.tools;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class CommittedStartersTest {

    @TempDir
    Path root;

    private static final String STARTER = "module-01-threads/src/main/java/p/Ex01_Start.java";

    @BeforeEach
    void aCourseCommittedUpstream() throws Exception {
        git("init", "-q", "-b", "main");
        git("config", "user.email", "course@example.org");
        git("config", "user.name", "Course");
        write(STARTER, "throw new UnsupportedOperationException(\"Ex01 not implemented yet\");");
        write("solutions/module-01-threads/src/main/java/p/Ex01_Start.java", "return 42;");
        write("module-01-threads/src/test/java/p/Ex01_StartTest.java", "assert 42");
        write("module-01-threads/src/main/java/p/Ex02_Other.java", "starter 2");
        write("solutions/module-01-threads/src/main/java/p/Ex02_Other.java", "solution 2");
        git("add", "-A");
        git("commit", "-q", "-m", "course");
    }

    private void write(String rel, String content) throws Exception {
        Files.createDirectories(root.resolve(rel).getParent());
        Files.writeString(root.resolve(rel), content);
    }

    private void git(String... args) throws Exception {
        Course.git(root, args);
    }

    @Test
    void anUntouchedCloneHasNoEdits() throws Exception {
        CommittedStarters u = new CommittedStarters(root);
        assertThat(u.edited("module-01-threads")).isEmpty();
        assertThat(u.untracked("module-01-threads")).isEmpty();
    }

    @Test
    void aLearnersWorkIsAnEditWhetherCommittedOrNot() throws Exception {
        write(STARTER, "return 42; // mine");
        Map<String, CommittedStarters.Edited> edited = new CommittedStarters(root).edited("module-01-threads");
        assertThat(edited).containsOnlyKeys("p/Ex01_Start.java");
        assertThat(new String(edited.get("p/Ex01_Start.java").committed(), java.nio.charset.StandardCharsets.UTF_8)).contains("not implemented");
        assertThat(edited.get("p/Ex01_Start.java").exercise()).isEqualTo("Ex01_Start");

        git("commit", "-q", "-am", "my Ex01");
        assertThat(new CommittedStarters(root).edited("module-01-threads")).containsOnlyKeys("p/Ex01_Start.java");

        write("module-01-threads/src/main/java/p/MyHelper.java", "class MyHelper {}");
        assertThat(new CommittedStarters(root).untracked("module-01-threads")).containsExactly("p/MyHelper.java");
    }

    @Test
    void theCourseChangingAStarterWithItsTestIsNoEdit() throws Exception {
        write(STARTER, "throw new UnsupportedOperationException(\"Ex01 not implemented yet: a clearer TODO\");");
        write("module-01-threads/src/test/java/p/Ex01_StartTest.java", "assert 42, stronger");
        git("commit", "-q", "-am", "course: Ex01 stronger test");
        assertThat(new CommittedStarters(root).edited("module-01-threads")).isEmpty();
    }

    @Test
    void theCommittedTreePutsTheCourseVersionsBackAndLeavesTheLearnersFilesOut() throws Exception {
        write(STARTER, "return 42; // mine");
        write("module-01-threads/src/main/java/p/MyHelper.java", "class MyHelper {}");
        CommittedStarters u = new CommittedStarters(root);
        Set<String> untracked = u.untracked("module-01-threads");
        Path tree = CommittedStarters.committedTree(root, "module-01-threads", u.edited("module-01-threads"), untracked, root.resolve("target/tree"));

        assertThat(Files.readString(tree.resolve("p/Ex01_Start.java"))).contains("not implemented");
        assertThat(Files.readString(tree.resolve("p/Ex02_Other.java"))).isEqualTo("starter 2");
        assertThat(tree.resolve("p/MyHelper.java")).doesNotExist();
    }

    @Test
    void outsideGitNothingIsAnEdit(@TempDir Path plain) throws Exception {
        Files.createDirectories(plain.resolve("module-01-threads/src/main/java/p"));
        Files.writeString(plain.resolve("module-01-threads/src/main/java/p/Ex01_Start.java"), "x");
        assertThat(new CommittedStarters(plain).edited("module-01-threads")).isEmpty();
    }
}
