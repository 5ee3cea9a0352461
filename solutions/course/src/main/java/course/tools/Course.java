package course.tools;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
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

    public static void main(String[] args) throws Exception {
        if (args.length == 0) {
            usage();
            System.exit(2);
        }
        Path root = findRoot();
        List<String> rest = List.of(args).subList(1, args.length).stream().filter(a -> !a.isBlank()).toList();
        int status;
        try {
            status = switch (args[0]) {
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
                default -> {
                    usage();
                    yield 2;
                }
            };
        } catch (ToolException e) {
            System.out.flush();
            if (List.of("progress", "watch", "timeline").contains(args[0])) {
                // A learner's command: one line, the message and what to type instead; exit 2, as for any bad argument.
                System.out.println(args[0] + ": " + e.getMessage() + "; next: ./mvnw -q -Dcourse=" + args[0]
                        + " (where you are), or name one: -Dcourse=\"" + args[0] + " module-01 Ex03\"");
                status = 2;
            } else {
                System.err.println(args[0] + ": " + e.getMessage());
                status = 2;
            }
        }
        System.out.flush();
        System.exit(status);
    }

    private static void usage() {
        System.err.println("usage: ./mvnw -q -Dcourse=\"COMMAND ARGS\", COMMAND one of progress, watch, hint, compare, timeline, check, solution-branch, grade, grade-merge, grader-selftest, wrong-answers, mutation, engine-check");
    }

    /** The repository root: the nearest folder upwards that holds mvnw and solutions/. */
    static Path findRoot() {
        Path dir = Path.of("").toAbsolutePath();
        for (Path d = dir; d != null; d = d.getParent()) {
            if (Files.exists(d.resolve("mvnw")) && Files.isDirectory(d.resolve("solutions"))) {
                return d;
            }
        }
        throw new IllegalStateException("not inside the course repository: " + dir);
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
                        .orElseThrow(() -> new IllegalArgumentException("no such module: " + part + " (have " + all + ")"));
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
