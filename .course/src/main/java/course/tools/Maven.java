package course.tools;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs the course's Maven wrapper in a folder, its output into a log file, within a time limit. */
record Maven(Path dir, Duration limit) {

    /** The result of one run: its exit code (or -1 when killed at the limit) and its log. */
    record Run(int exitCode, Path log, boolean timedOut) {}

    Run run(Path log, List<String> args) throws IOException, InterruptedException {
        return run(log, args, Map.of());
    }

    /** Runs with {@code env} added to the environment; with a {@link ProcessTree#MARKER} in it, every process it marks is killed after. */
    Run run(Path log, List<String> args, Map<String, String> env) throws IOException, InterruptedException {
        boolean windows = System.getProperty("os.name").toLowerCase().contains("win");
        List<String> cmd = new ArrayList<>(List.of(dir.resolve(windows ? "mvnw.cmd" : "mvnw").toString(), "-B",
                "-Dcourse.fast.javac")); // the fast-javac profile (root pom): same class files, less CPU
        cmd.addAll(args);
        Files.createDirectories(log.getParent());
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true).redirectOutput(log.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new File(windows ? "NUL" : "/dev/null")));
        pb.environment().putAll(env);
        Process p = pb.start();
        String token = env.get(ProcessTree.MARKER);
        try {
            if (p.waitFor(limit.toSeconds(), TimeUnit.SECONDS)) return new Run(p.exitValue(), log, false);
            ProcessTree.killAll(p.toHandle(), token);
            p.waitFor(30, TimeUnit.SECONDS);
            return new Run(-1, log, true);
        } finally {
            // Whatever outlived Maven (a detached process, a reparented orphan) goes too.
            if (token != null) ProcessTree.killAll(p.toHandle(), token);
        }
    }

    /** Maven arguments that run the tests of {@code modules} and carry on past failures. */
    static List<String> testArgs(List<String> modules, boolean allModules, String... extra) {
        List<String> args = new ArrayList<>(List.of("-fae", "-Dmaven.test.failure.ignore=true", "test"));
        if (!allModules) args.addAll(List.of("-pl", String.join(",", modules)));
        args.addAll(List.of(extra));
        return args;
    }
}
