package course.tools;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The course tools, one entry point. Run through Maven so that they get the JDK 25 the
 * toolchains plugin found (see the root pom's course-check, progress, grade and
 * solution-branch profiles), or directly with a JDK 25: {@code java solutions/course/Launch.java check}.
 *
 * <pre>
 *   check [module ...]            every test passes on solutions/, fails on the starters; same files and API
 *   progress [module] [ExNN]      a learner's progress: exercises done, tests passing, the next exercise;
 *                                 only what changed since the last run is tested again
 *   watch [module] [ExNN] [--saves N]  run the tests of each exercise saved, on every save of a main source
 *                                 (--saves N: stop after N saves)
 *   wrong-answers [module] [ExNN] [--corpus DIR]   try the wrong-answer corpus (the course check does too)
 *   engine-check [module ...]     the fast engine's verdicts against the last course check's surefire reports
 *   solution-branch               create or refresh the local 'solution' branch from main + solutions/
 *   grade SUBMISSION... [--batch DIR] [--out DIR] [--modules m1,m2] [--only Ex01,Ex02] [--points FILE]
 *                                 grade learners' main sources with this repository's tests
 *   grade-merge DIR... [--out DIR]  merge the parts of a class graded with --shard I/N
 *   grader-selftest [module]      grade generated fixture submissions and check every grade
 *   hint [module] ExNN [level]    the exercise's next hint (a nudge, then the API, then the shape)
 *   compare [module] ExNN [--force]  one exercise, once green: yours against the reference
 *   timeline [module] ExNN        one exercise's tests with a JFR recording, drawn as a lane per thread (Timeline)
 * </pre>
 */
public final class Course {

    /** What to type instead after a bad command line, per command: the "next:" line of its errors. */
    static final Map<String, String> NEXT = Map.ofEntries(
            Map.entry("progress", "./mvnw -q -Dcourse=progress (where you are), or name one: -Dcourse=\"progress module-01 Ex03\""),
            Map.entry("watch", "./mvnw -q -Dcourse=watch (where you are), or name one: -Dcourse=\"watch module-01 Ex03\" [--saves N] [--timeline]"),
            Map.entry("hint", "./mvnw -q -Dcourse=\"hint MODULE EXERCISE\", e.g. -Dcourse=\"hint module-01 Ex03\""),
            Map.entry("compare", "./mvnw -q -Dcourse=\"compare MODULE EXERCISE\", e.g. -Dcourse=\"compare module-01 Ex03\" [--force]"),
            Map.entry("timeline", "./mvnw -q -Dcourse=timeline (where you are), or name one: -Dcourse=\"timeline module-01 Ex04\""
                    + " [--test NAME] [--yours] [--reference] [--wrong SLUG]"),
            Map.entry("check", "./mvnw -q -Pcourse-check, or -Dcourse=\"check [module ...] [--strict] [--corpus DIR] [--parallel N]\","
                    + " e.g. -Dcourse=\"check module-01\""),
            Map.entry("solution-branch", "./mvnw -q -Dcourse=solution-branch (from HEAD), or -Dcourse=\"solution-branch COMMIT\""),
            Map.entry("grade", "./mvnw -q -Dcourse=\"grade /path/to/a/learners/clone\" (more forms under \"Grading\" in solutions/README.md)"),
            Map.entry("grade-merge", "./mvnw -q -Dcourse=\"grade-merge DIR... [--out DIR]\", the folders of the parts graded with --shard I/N"),
            Map.entry("grader-selftest", "./mvnw -q -Dcourse=grader-selftest (fixtures from module-01), or name one module: -Dcourse=\"grader-selftest module-02-async\""),
            Map.entry("wrong-answers", "./mvnw -q -Dcourse=\"wrong-answers module-01 Ex03\" (or a module, or nothing for all) [--corpus DIR] [--parallel N]"),
            Map.entry("mutation", "./mvnw -q -Dcourse=\"mutation module-01\" [--report-only]"),
            Map.entry("engine-check", "./mvnw -q -Dcourse=\"engine-check module-01\" (after a course check of that module)"));

    public static void main(String[] args) {
        int status;
        try {
            status = run(findRoot(), args, System.out, System.err);
        } catch (ToolException e) {
            System.err.println("course: " + e.getMessage());
            System.err.println("next: cd into your clone of the course, then ./mvnw -q -Dcourse=progress");
            status = 2;
        }
        System.exit(status);
    }

    /**
     * Runs the command {@code args} names in the course at {@code root}, its output going to {@code out} and
     * {@code err} (System.out and System.err while it runs), and returns its exit status. A bad command line
     * is two lines, "COMMAND: what is wrong" and "next: what to type instead", and status 2; so is a bug in the
     * tools (with its stack trace only under -Dcourse.debug=true).
     */
    static int run(Path root, String[] args, PrintStream out, PrintStream err) {
        PrintStream oldOut = System.out, oldErr = System.err;
        System.setOut(out);
        System.setErr(err);
        String command = args.length == 0 || !NEXT.containsKey(args[0]) ? "course" : args[0];
        try {
            if (command.equals("course")) {
                throw new ToolException((args.length == 0 ? "name a command" : "unknown command " + args[0])
                        + " (one of " + String.join(", ", COMMANDS) + ")", "./mvnw -q -Dcourse=progress, or see the list of commands in solutions/README.md");
            }
            List<String> rest = List.of(args).subList(1, args.length).stream().filter(a -> !a.isBlank()).toList();
            return switch (command) {
                case "check" -> new Check(root).run(rest);
                case "progress" -> new Progress(root).run(rest);
                case "watch" -> new Watch(root).run(rest);
                case "solution-branch" -> new SolutionBranch(root).run(rest);
                case "grade" -> new Grader(root).run(rest);
                case "grade-merge" -> new GradeMerge(root).run(rest);
                case "grader-selftest" -> new GraderSelfTest(root).run(rest);
                case "hint" -> new Hints(root).run(rest);
                case "compare" -> new Compare(root).run(rest);
                case "timeline" -> new Timeline(root).run(rest);
                case "wrong-answers" -> new WrongAnswers(root).run(rest);
                case "mutation" -> new Mutation(root).run(rest);
                case "engine-check" -> new EngineCheck(root).run(rest);
                default -> throw new IllegalStateException("no case for " + command);
            };
        } catch (Exception | LinkageError | StackOverflowError e) {
            System.out.flush();
            for (Throwable t = e; t != null; t = t.getCause()) {
                // Also when it comes wrapped, from a pool's thread (CompletionException, ExecutionException).
                if (t instanceof ToolException tool) {
                    err.println(command + ": " + tool.getMessage());
                    err.println("next: " + (tool.next() != null ? tool.next() : NEXT.get(command)));
                    return 2;
                }
            }
            if (Boolean.getBoolean("course.debug")) e.printStackTrace(err);
            err.println(command + ": internal error: " + e.getClass().getName() + ": " + e.getMessage()
                    + " (a bug in the course tools: please report it)");
            err.println("next: java -Dcourse.debug=true solutions/course/Launch.java " + String.join(" ", args)
                    + " shows the stack trace; report it with that output");
            return 2;
        } finally {
            System.out.flush();
            err.flush();
            System.setOut(oldOut);
            System.setErr(oldErr);
        }
    }

    static final List<String> COMMANDS = List.of("progress", "watch", "hint", "compare", "timeline", "check", "solution-branch",
            "grade", "grade-merge", "grader-selftest", "wrong-answers", "mutation", "engine-check");

    /** The repository root: the nearest folder upwards that holds mvnw and solutions/. */
    static Path findRoot() {
        Path dir = Path.of("").toAbsolutePath();
        for (Path d = dir; d != null; d = d.getParent()) {
            if (Files.exists(d.resolve("mvnw")) && Files.isDirectory(d.resolve("solutions"))) {
                return d;
            }
        }
        throw new ToolException("not inside the course repository: " + dir);
    }

    /** The course modules (module-NN-*) under {@code root}, in order, or the named ones. */
    static List<String> modules(Path root, List<String> named) throws IOException {
        List<String> all = new ArrayList<>();
        try (Stream<Path> s = Files.list(root)) {
            s.filter(p -> p.getFileName().toString().matches("module-\\d\\d-.+"))
             .filter(p -> Files.exists(p.resolve("pom.xml")))
             .map(p -> p.getFileName().toString())
             .sorted()
             .forEach(all::add);
        }
        if (named.isEmpty()) {
            return all;
        }
        List<String> chosen = new ArrayList<>();
        for (String n : named) {
            for (String part : n.split(",")) {
                if (part.isBlank()) continue;
                String m = all.stream().filter(a -> a.equals(part) || a.startsWith(part + "-")).findFirst()
                        .orElseThrow(() -> new ToolException("no such module: " + part + " (have " + all + ")"));
                chosen.add(m);
            }
        }
        return chosen;
    }

    /** Runs a command, returns its standard output; throws with its error output if it fails. */
    static String exec(List<String> cmd, java.util.Map<String, String> env) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(cmd);
        if (env != null) pb.environment().putAll(env);
        Path err = Files.createTempFile("course-exec", ".err");
        try {
            Process p = pb.redirectError(err.toFile()).start();
            String out = new String(p.getInputStream().readAllBytes());
            if (p.waitFor() != 0) {
                throw new IOException(String.join(" ", cmd) + " failed: " + Files.readString(err).strip());
            }
            return out;
        } finally {
            Files.deleteIfExists(err);
        }
    }

    /** Runs git in {@code repo}. */
    static String git(Path repo, String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of("git", "-C", repo.toString()));
        cmd.addAll(List.of(args));
        return exec(cmd, null);
    }

    /** Deletes a folder tree if it exists. */
    static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) return;
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted((a, b) -> b.getNameCount() - a.getNameCount()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
