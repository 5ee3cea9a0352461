package course.tools;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every command on a bad command line: one line saying what is wrong, a next: line saying what to
 * type, exit status 2, never a stack trace. In process, on a tiny course (FakeCourse) whose mvnw
 * does nothing, so that a case the tools wrongly accepted could not start a real build.
 */
@Timeout(60)
class BadArgumentsTest {

    @TempDir
    static Path dir;
    static Path root;

    @BeforeAll
    static void course() throws Exception {
        root = FakeCourse.create(dir.resolve("course"));
    }

    /** The command line, and what the first line must say. */
    static Stream<Arguments> badCommandLines() {
        return Stream.of(
                Arguments.of("progress --bogus", "unknown option --bogus (known: --rerun)"),
                Arguments.of("progress module-09", "no such module: module-09"),
                Arguments.of("progress module-01 Ex77", "no exercise Ex77"),
                Arguments.of("watch --saves", "--saves needs a value"),
                Arguments.of("watch --saves many", "--saves takes a whole number of at least 1, got many"),
                Arguments.of("watch --saves 0", "--saves takes a whole number of at least 1, got 0"),
                Arguments.of("watch --timeline=yes", "--timeline takes no value"),
                Arguments.of("hint Ex77", "no exercise Ex77"),
                Arguments.of("hint --level 2 Ex01", "unknown option --level (this command takes none)"),
                Arguments.of("compare Ex77", "no exercise Ex77"),
                Arguments.of("compare --forse Ex01", "unknown option --forse (known: --force)"),
                Arguments.of("timeline --wrong", "--wrong needs a value"),
                Arguments.of("timeline --nope Ex01", "unknown option --nope"),
                Arguments.of("timeline module-09 Ex01", "no such module: module-09"),
                Arguments.of("check --parallel", "--parallel needs a value"),
                Arguments.of("check --parallel x", "--parallel takes a whole number from 1 to 64, got x"),
                Arguments.of("check --parallel 0", "--parallel takes a whole number from 1 to 64, got 0"),
                Arguments.of("check --bogus", "unknown option --bogus (known: --corpus, --parallel, --strict)"),
                Arguments.of("check --corpus no-such-folder", "--corpus: no such folder no-such-folder"),
                Arguments.of("check module-09", "no such module: module-09"),
                Arguments.of("solution-branch no-such-commit", "no commit no-such-commit"),
                Arguments.of("solution-branch a b", "too many words"),
                Arguments.of("solution-branch --force", "unknown option --force"),
                Arguments.of("grade --bogus", "unknown option --bogus (known: --batch,"),
                Arguments.of("grade --out", "--out needs a value"),
                Arguments.of("grade", "name at least one submission"),
                Arguments.of("grade --module-limit soon x", "--module-limit takes seconds, got soon"),
                Arguments.of("grade --shard 4/3 x", "--shard I/N needs 1 <= I <= N, got 4/3"),
                Arguments.of("grade --sandbox=maybe x", "--sandbox takes auto, off or required; got maybe"),
                Arguments.of("grade --batch no-such-folder --modules module-01", "--batch: no such folder"),
                Arguments.of("grade x --modules module-09", "no such module: module-09"),
                Arguments.of("grade-merge --bogus", "unknown option --bogus (known: --out)"),
                Arguments.of("grade-merge", "name the folders of the parts to merge"),
                Arguments.of("grade-merge no-such-folder", "no such folder"),
                Arguments.of("grader-selftest module-09", "no such module: module-09"),
                Arguments.of("grader-selftest --bogus", "unknown option --bogus"),
                Arguments.of("wrong-answers module-01 Ex77", "no exercise Ex77 in module-01"),
                Arguments.of("wrong-answers --parallel -1", "--parallel takes a whole number from 1 to 64, got -1"),
                Arguments.of("wrong-answers --bogus", "unknown option --bogus (known: --corpus, --parallel)"),
                Arguments.of("mutation nope", "no such module: nope"),
                Arguments.of("mutation --report", "unknown option --report (known: --report-only)"),
                Arguments.of("frobnicate", "unknown command frobnicate"),
                Arguments.of("", "name a command"));
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("badCommandLines")
    void aBadCommandLineIsOneLineANextLineAndStatusTwo(String commandLine, String says) {
        String[] args = commandLine.isEmpty() ? new String[0] : commandLine.split(" ");
        Run r = run(args);
        String command = args.length == 0 || !Course.NEXT.containsKey(args[0]) && !Instructor.NEXT.containsKey(args[0]) ? "course" : args[0];
        assertThat(r.status()).as(commandLine).isEqualTo(2);
        assertThat(r.err().lines().toList()).as(commandLine).hasSize(2);
        assertThat(r.err().lines().toList().get(0)).as(commandLine).startsWith(command + ": ").contains(says);
        assertThat(r.err().lines().toList().get(1)).as(commandLine).startsWith("next: ./mvnw ");
        assertThat(r.out() + r.err()).as(commandLine).doesNotContain("\tat ").doesNotContain("Exception");
    }

    @Test
    void everyCommandHasABadCommandLineAbove() {
        Set<String> tried = badCommandLines().map(a -> ((String) a.get()[0]).split(" ")[0]).collect(Collectors.toSet());
        assertThat(tried).containsAll(Course.NEXT.keySet()).containsAll(Instructor.NEXT.keySet());
        assertThat(Course.INSTRUCTOR).isEqualTo(Instructor.NEXT);
    }

    @Test
    void aBugIsOneLineThatSaysSoNotAStackTrace() throws Exception {
        // A hint file and a broken record of the hints shown: Hints cannot read its own state (a bug's stand-in).
        Files.writeString(Files.createDirectories(root.resolve(FakeCourse.MODULE).resolve("hints")).resolve("Ex01_First.md"), "## 1\nnudge\n");
        Path seen = root.resolve("target/course/hints").resolve(FakeCourse.MODULE).resolve("Ex01_First");
        Files.createDirectories(seen.getParent());
        Files.writeString(seen, "not a number");
        try {
            Run r = run("hint", "module-01", "Ex01");
            assertThat(r.status()).isEqualTo(2);
            assertThat(r.err().lines().toList()).hasSize(2);
            assertThat(r.err().lines().toList().get(0))
                    .startsWith("hint: internal error: java.lang.NumberFormatException: ").endsWith("(a bug in the course tools: please report it)");
            assertThat(r.err().lines().toList().get(1)).startsWith("next: java -Dcourse.debug=true .course/Launch.java hint module-01 Ex01");
            assertThat(r.err()).doesNotContain("\tat ");
        } finally {
            Files.delete(seen);
        }
    }

    record Run(int status, String out, String err) {
    }

    static Run run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(), err = new ByteArrayOutputStream();
        int status = Course.run(root, args, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }
}
