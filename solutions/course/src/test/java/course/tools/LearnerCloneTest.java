package course.tools;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A learner's clone with solutions/ deleted: the learner's commands work, and those that need the reference or the
 * instructor's tools say so in one line with a next: line and status 2 (progress, watch and timeline on a real course:
 * the end-to-end run of a fresh clone).
 */
@Timeout(60)
class LearnerCloneTest {

    @TempDir
    Path dir;

    record Run(int status, String out, String err) {}

    private Run run(Path root, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(), err = new ByteArrayOutputStream();
        int status = Course.run(root, args, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private Path learnerClone() throws Exception {
        Path root = FakeCourse.create(dir.resolve("course"));
        Course.deleteTree(root.resolve("solutions"));
        FakeCourse.write(root.resolve(FakeCourse.MODULE).resolve("hints/Ex01_First.md"), "## 1\nnudge\n## 2\napi\n");
        return root;
    }

    @Test
    void hintWorksWithoutSolutions() throws Exception {
        Path root = learnerClone();
        Run r = run(root, "hint", "module-01", "Ex01");
        assertThat(r.status()).isZero();
        assertThat(r.err()).isEmpty();
        assertThat(r.out()).startsWith("module-01-demo · Ex01_First · hint 1 of 2").contains("  nudge");
        assertThat(Exercises.select(root, List.of("Ex02"), "", null).exercise().name()).isEqualTo("Ex02_Second");
    }

    @Test
    void whatNeedsTheReferenceOrTheInstructorsToolsSaysSoInOneLine() throws Exception {
        Path root = learnerClone();
        for (String[] args : List.of(new String[] {"compare", "module-01", "Ex01"}, new String[] {"timeline", "--reference", "module-01", "Ex01"},
                new String[] {"timeline", "--wrong", "slug", "Ex01"}, new String[] {"check"}, new String[] {"grade", "x"})) {
            Run r = run(root, args);
            List<String> lines = r.err().lines().toList();
            assertThat(r.status()).as(args[0]).isEqualTo(2);
            assertThat(lines).as(args[0]).hasSize(2);
            assertThat(lines.get(0)).as(args[0]).startsWith(args[0] + ": ").contains("solutions/");
            assertThat(lines.get(1)).as(args[0]).startsWith("next: ./mvnw -q -Dcourse=");
            assertThat(r.out()).as(args[0]).isEmpty();
        }
        assertThat(run(root, "check").err()).startsWith("check: an instructor command");
    }

    @Test
    void theInstructorsCommandsAreKnownByName() {
        assertThat(Course.INSTRUCTOR_NAMES).containsExactlyInAnyOrderElementsOf(Instructor.NEXT.keySet());
    }
}
