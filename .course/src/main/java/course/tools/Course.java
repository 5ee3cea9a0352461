package course.tools;

import java.io.*;
import java.lang.reflect.InvocationTargetException;
import java.nio.file.*;
import java.util.*;
import java.util.stream.Stream;

/**
 * The course tools' entry point (./mvnw -q -Dcourse="COMMAND ..." runs .course/Launch.java, which runs this) and the helpers
 * every command shares. The instructor's commands are Instructor's, in solutions/course, compiled in when the clone has it.
 */
public final class Course {

    /** The learner's commands and the "next:" line of their errors: what to type instead. */
    static final Map<String, String> NEXT = Map.of(
            "progress", "./mvnw -q -Dcourse=progress (where you are), or name one: -Dcourse=\"progress module-01 Ex03\"",
            "watch", "./mvnw -q -Dcourse=watch (where you are), or name one: -Dcourse=\"watch module-01 Ex03\" [--saves N] [--timeline]",
            "hint", "./mvnw -q -Dcourse=\"hint MODULE EXERCISE\", e.g. -Dcourse=\"hint module-01 Ex03\"",
            "compare", "./mvnw -q -Dcourse=\"compare MODULE EXERCISE\", e.g. -Dcourse=\"compare module-01 Ex03\" [--force]",
            "timeline", "./mvnw -q -Dcourse=timeline (where you are), or name one: -Dcourse=\"timeline module-01 Ex04\""
                    + " [--test NAME] [--yours] [--reference] [--wrong SLUG]");
    private static final String LEARNER_COMMANDS = String.join(", ", NEXT.keySet().stream().sorted().toList());

    /** The instructor's commands and their "next:" lines (Instructor.NEXT) when solutions/course is compiled in; else none. */
    static final Map<String, String> INSTRUCTOR = instructorCommands();
    /** Their names, for a learner's clone without solutions/. */
    static final List<String> INSTRUCTOR_NAMES = List.of("check", "grade", "grade-merge", "grader-selftest", "mutation", "solution-branch", "wrong-answers");

    public static void main(String[] args) {
        try {
            System.exit(run(findRoot(), args, System.out, System.err));
        } catch (ToolException e) {
            System.err.println("course: " + e.getMessage());
            System.err.println("next: cd into your clone of the course, then ./mvnw -q -Dcourse=progress");
            System.exit(2);
        }
    }

    /** Runs the command {@code args} name, System.out and System.err set to {@code out} and {@code err}; returns its exit status. */
    static int run(Path root, String[] args, PrintStream out, PrintStream err) {
        PrintStream oldOut = System.out, oldErr = System.err;
        System.setOut(out);
        System.setErr(err);
        String command = args.length > 0 && (NEXT.containsKey(args[0]) || INSTRUCTOR.containsKey(args[0]) || INSTRUCTOR_NAMES.contains(args[0])) ? args[0] : "course";
        try {
            List<String> rest = Stream.of(args).skip(1).filter(a -> !a.isBlank()).toList();
            return switch (command) {
                case "course" -> throw new ToolException((args.length == 0 ? "name a command" : "unknown command " + args[0])
                        + " (one of " + LEARNER_COMMANDS + (INSTRUCTOR.isEmpty()
                        ? "; the instructor's commands need solutions/" : "; instructor: " + String.join(", ", INSTRUCTOR.keySet().stream().sorted().toList())) + ")",
                        "./mvnw -q -Dcourse=progress, or see the list of commands in the README");
                case "progress" -> new Progress(root).run(rest);
                case "watch" -> new Watch(root).run(rest);
                case "hint" -> new Hints(root).run(rest);
                case "compare" -> new Compare(root).run(rest);
                case "timeline" -> new Timeline(root).run(rest);
                default -> {
                    if (INSTRUCTOR.isEmpty() || !Files.isDirectory(root.resolve("solutions/course"))) {
                        throw new ToolException("an instructor command: it needs solutions/ (the instructor's tools), which this clone does not have",
                                "./mvnw -q -Dcourse=progress (the learner's commands: " + LEARNER_COMMANDS + ")");
                    }
                    yield (int) Class.forName("course.tools.Instructor").getMethod("run", Path.class, String.class, List.class).invoke(null, root, command, rest);
                }
            };
        } catch (Exception | LinkageError | StackOverflowError thrown) {
            return failed(command, args, thrown instanceof InvocationTargetException i && i.getCause() != null ? i.getCause() : thrown, err);
        } finally {
            System.out.flush();
            err.flush();
            System.setOut(oldOut);
            System.setErr(oldErr);
        }
    }

    /** A bad command line, or a bug in the tools: "COMMAND: what is wrong" and "next: what to type instead", status 2. */
    private static int failed(String command, String[] args, Throwable e, PrintStream err) {
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
        err.println(command + ": internal error: " + e.getClass().getName() + ": " + e.getMessage() + " (a bug in the course tools: please report it)");
        err.println("next: java -Dcourse.debug=true .course/Launch.java " + String.join(" ", args) + " shows the stack trace; report it with that output");
        return 2;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, String> instructorCommands() {
        try {
            return (Map<String, String>) Class.forName("course.tools.Instructor").getField("NEXT").get(null);
        } catch (ReflectiveOperationException e) {
            return Map.of(); // a learner's clone without solutions/
        }
    }

    /** The repository root: the nearest folder upwards that holds mvnw and .course/ (as Launch finds it). */
    static Path findRoot() {
        Path dir = Path.of("").toAbsolutePath();
        for (Path d = dir; d != null; d = d.getParent()) {
            if (Files.exists(d.resolve("mvnw")) && Files.isDirectory(d.resolve(".course"))) return d;
        }
        throw new ToolException("not inside the course repository: " + dir);
    }

    /** The course modules (module-NN-*) under {@code root}, in order, or the named ones ("module-02", "module-01,module-03"). */
    static List<String> modules(Path root, List<String> named) throws IOException {
        List<String> all;
        try (Stream<Path> s = Files.list(root)) {
            all = s.filter(p -> p.getFileName().toString().matches("module-\\d\\d-.+") && Files.exists(p.resolve("pom.xml")))
                    .map(p -> p.getFileName().toString()).sorted().toList();
        }
        return named.isEmpty() ? all : Stream.of(String.join(",", named).split(",")).filter(part -> !part.isBlank())
                .map(part -> all.stream().filter(a -> a.equals(part) || a.startsWith(part + "-")).findFirst()
                        .orElseThrow(() -> new ToolException("no such module: " + part + " (have " + all + ")"))).toList();
    }

    /** Runs a command, returns its standard output; throws with its error output if it fails. */
    static String exec(List<String> cmd, Map<String, String> env) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(cmd);
        if (env != null) pb.environment().putAll(env);
        Path err = Files.createTempFile("course-exec", ".err");
        try {
            Process p = pb.redirectError(err.toFile()).start();
            String out = new String(p.getInputStream().readAllBytes());
            if (p.waitFor() != 0) throw new IOException(String.join(" ", cmd) + " failed: " + Files.readString(err).strip());
            return out;
        } finally {
            Files.deleteIfExists(err);
        }
    }

    static String git(Path repo, String... args) throws IOException, InterruptedException {
        return exec(Stream.concat(Stream.of("git", "-C", repo.toString()), Stream.of(args)).toList(), null);
    }

    static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) return;
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
        }
    }

    /** Writes {@code content} to {@code file} so that a reader sees the old file or the new one, never half of one. */
    static void writeAtomically(Path file, String content) throws IOException {
        Path dir = Files.createDirectories(file.toAbsolutePath().getParent());
        Path tmp = Files.createTempFile(dir, "." + file.getFileName(), ".tmp");
        try {
            Files.writeString(tmp, content);
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
