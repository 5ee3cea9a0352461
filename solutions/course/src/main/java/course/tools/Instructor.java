package course.tools;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** The instructor's commands, reached through the learner's entry point (Course) when .course/Launch.java compiles solutions/course in. */
public final class Instructor {

    /** Each command and what to type instead after a bad command line (the "next:" line of its errors). */
    public static final Map<String, String> NEXT = Map.ofEntries(
            Map.entry("check", "./mvnw -q -Dcourse=check, or -Dcourse=\"check [module ...] [--strict] [--corpus DIR] [--parallel N]\", e.g. -Dcourse=\"check module-01\""),
            Map.entry("solution-branch", "./mvnw -q -Dcourse=solution-branch (from HEAD), or -Dcourse=\"solution-branch COMMIT\""),
            Map.entry("grade", "./mvnw -q -Dcourse=\"grade /path/to/a/learners/clone\" (more forms under \"Grading\" in solutions/README.md)"),
            Map.entry("grade-merge", "./mvnw -q -Dcourse=\"grade-merge DIR... [--out DIR]\", the folders of the parts graded with --shard I/N"),
            Map.entry("grader-selftest", "./mvnw -q -Dcourse=grader-selftest (fixtures from module-01), or name one module: -Dcourse=\"grader-selftest module-02-async\""),
            Map.entry("wrong-answers", "./mvnw -q -Dcourse=\"wrong-answers module-01 Ex03\" (or a module, or nothing for all) [--corpus DIR] [--parallel N]"),
            Map.entry("mutation", "./mvnw -q -Dcourse=\"mutation module-01\" [--report-only]"));

    public static int run(Path root, String command, List<String> rest) throws Exception {
        return switch (command) {
            case "check" -> new Check(root).run(rest);
            case "solution-branch" -> new SolutionBranch(root).run(rest);
            case "grade" -> new Grader(root).run(rest);
            case "grade-merge" -> new GradeMerge(root).run(rest);
            case "grader-selftest" -> Grader.selfTest(root, rest);
            case "wrong-answers" -> new WrongAnswers(root).run(rest);
            case "mutation" -> new Mutation(root).run(rest);
            default -> throw new IllegalStateException("no case for " + command);
        };
    }
}
