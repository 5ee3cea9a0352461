package course.tools;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.StandardCopyOption;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The learner's course tools, one entry point: {@code ./mvnw -q -Dcourse="COMMAND ..."} (the root pom runs
 * {@code .course/Launch.java} on the JDK 25 the toolchain found).
 *
 * <pre>
 *   progress [module] [ExNN]      exercises done, tests passing, the next exercise (only what changed is tested again)
 *   watch [module] [ExNN] [--saves N] [--timeline]   the tests of each exercise saved, on every save
 *   hint [module] ExNN [level]    the exercise's next hint (a nudge, then the API, then the shape)
 *   compare [module] ExNN [--force]  one exercise, once green: yours against the reference (needs solutions/)
 *   timeline [module] ExNN        one exercise's tests with a JFR recording, drawn as a lane per thread
 * </pre>
 *
 * The instructor's commands (check, grade, wrong-answers, ...) live in {@code solutions/course} (see
 * {@code Instructor} there); Launch compiles them in when that folder exists.
 */
public final class Course {

    /** What to type instead after a bad command line, per command: the "next:" line of its errors. */
    static final Map<String, String> NEXT = Map.ofEntries(
            Map.entry("progress", "./mvnw -q -Dcourse=progress (where you are), or name one: -Dcourse=\"progress module-01 Ex03\""),
            Map.entry("watch", "./mvnw -q -Dcourse=watch (where you are), or name one: -Dcourse=\"watch module-01 Ex03\" [--saves N] [--timeline]"),
            Map.entry("hint", "./mvnw -q -Dcourse=\"hint MODULE EXERCISE\", e.g. -Dcourse=\"hint module-01 Ex03\""),
            Map.entry("compare", "./mvnw -q -Dcourse=\"compare MODULE EXERCISE\", e.g. -Dcourse=\"compare module-01 Ex03\" [--force]"),
            Map.entry("timeline", "./mvnw -q -Dcourse=timeline (where you are), or name one: -Dcourse=\"timeline module-01 Ex04\""
                    + " [--test NAME] [--yours] [--reference] [--wrong SLUG]"));

    /** The instructor's commands and their "next:" lines, when solutions/course is compiled in; else none. */
    static final Map<String, String> INSTRUCTOR = instructorCommands();

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
        String command = args.length == 0 || !NEXT.containsKey(args[0]) && !INSTRUCTOR.containsKey(args[0]) ? "course" : args[0];
        try {
            if (command.equals("course")) {
                throw new ToolException((args.length == 0 ? "name a command" : "unknown command " + args[0])
                        + " (one of " + String.join(", ", NEXT.keySet().stream().sorted().toList()) + (INSTRUCTOR.isEmpty() ? "; the instructor's commands need solutions/"
                        : "; instructor: " + String.join(", ", INSTRUCTOR.keySet().stream().sorted().toList())) + ")",
                        "./mvnw -q -Dcourse=progress, or see the list of commands in the README");
            }
            List<String> rest = List.of(args).subList(1, args.length).stream().filter(a -> !a.isBlank()).toList();
            return switch (command) {
                case "progress" -> new Progress(root).run(rest);
                case "watch" -> new Watch(root).run(rest);
                case "hint" -> new Hints(root).run(rest);
                case "compare" -> new Compare(root).run(rest);
                case "timeline" -> new Timeline(root).run(rest);
                default -> (int) Class.forName("course.tools.Instructor").getMethod("run", Path.class, String.class, List.class)
                        .invoke(null, root, command, rest);
            };
        } catch (Exception | LinkageError | StackOverflowError thrown) {
            Throwable e = thrown instanceof java.lang.reflect.InvocationTargetException i && i.getCause() != null ? i.getCause() : thrown;
            System.out.flush();
            for (Throwable t = e; t != null; t = t.getCause()) {
                // Also when it comes wrapped, from a pool's thread (CompletionException, ExecutionException).
                if (t instanceof ToolException tool) {
                    err.println(command + ": " + tool.getMessage());
                    err.println("next: " + (tool.next() != null ? tool.next() : NEXT.getOrDefault(command, INSTRUCTOR.get(command))));
                    return 2;
                }
            }
            if (Boolean.getBoolean("course.debug")) e.printStackTrace(err);
            err.println(command + ": internal error: " + e.getClass().getName() + ": " + e.getMessage()
                    + " (a bug in the course tools: please report it)");
            err.println("next: java -Dcourse.debug=true .course/Launch.java " + String.join(" ", args)
                    + " shows the stack trace; report it with that output");
            return 2;
        } finally {
            System.out.flush();
            err.flush();
            System.setOut(oldOut);
            System.setErr(oldErr);
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, String> instructorCommands() {
        try {
            return (Map<String, String>) Class.forName("course.tools.Instructor").getField("NEXT").get(null);
        } catch (ReflectiveOperationException e) {
            return Map.of();       // a learner's clone without solutions/: the learner's commands only
        }
    }

    /** The repository root: the nearest folder upwards that holds mvnw and .course/. */
    static Path findRoot() {
        Path dir = Path.of("").toAbsolutePath();
        for (Path d = dir; d != null; d = d.getParent()) {
            if (Files.exists(d.resolve("mvnw")) && Files.isDirectory(d.resolve(".course"))) {
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

    /** Writes {@code content} to {@code file} so that a reader sees the old file or the new one, never half of one. */
    static void writeAtomically(Path file, String content) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        Path tmp = Files.createTempFile(file.toAbsolutePath().getParent(), "." + file.getFileName(), ".tmp");
        try {
            Files.writeString(tmp, content, StandardCharsets.UTF_8);
            try {
                Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
    }
}
