package course.benchmarks.harness;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs one of the suite's probes (a class with a main) in a fresh JVM on the suite's own class path
 * and returns what it printed. A fresh JVM is the point: cold starts need one, the CPU scenario and
 * the scale probe need a heap and JIT state of their own.
 */
final class ChildJvm {

    /** What the child printed (stdout and stderr), and whether it ended by itself within the limit. */
    record Output(List<String> lines, boolean finished, int exitCode) {

        /** The words after {@code tag} on every line that starts with it. */
        List<String[]> tagged(String tag) {
            return lines.stream().filter(line -> line.startsWith(tag + " "))
                .map(line -> line.substring(tag.length() + 1).trim().split(" ")).toList();
        }

        /** The first few lines that are not tagged output: the child's error, if it failed. */
        String problem() {
            return String.join(" | ", lines.stream().filter(line -> !line.matches("^[A-Z]+ .*")).limit(3).toList());
        }
    }

    private ChildJvm() {
    }

    static Output run(List<String> jvmArgs, Class<?> main, List<String> args, Duration limit) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmArgs);
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(main.getName());
        command.addAll(args);
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        List<String> lines = new ArrayList<>();
        Thread reader = Thread.ofVirtual().start(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream()))) {
                String line;
                while ((line = in.readLine()) != null) {
                    synchronized (lines) {
                        lines.add(line);
                    }
                }
            } catch (IOException ignored) {
                // the process ended
            }
        });
        boolean finished = process.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS);
        if (!finished) {
            process.destroyForcibly().waitFor();
        }
        reader.join(Duration.ofSeconds(5));
        synchronized (lines) {
            return new Output(List.copyOf(lines), finished, finished ? process.exitValue() : -1);
        }
    }
}
