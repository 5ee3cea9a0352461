package course.benchmarks.harness;

import course.benchmarks.Ex06_PingPong;
import course.benchmarks.MixingLoop;
import course.benchmarks.ScenarioRunner;
import io.vertx.core.Vertx;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import org.openjdk.jmh.util.Statistics;

/**
 * The module's main command: checks that the runners work, times every scenario with JMH (one
 * benchmark at a time, each in its own JVM), probes how many waiting units fit in a fixed heap,
 * then prints the tables and writes results.json, report.md and chart.svg.
 *
 * <p>Arguments (the bench profile in the module pom passes them):
 * {@code --mode=quick|full --out=DIR --code=PATH-OF-THE-RUNNERS}.
 */
public final class BenchmarkSuite {

    /** The published sizes (see shared/curriculum.md). */
    static final int UNITS = 1000;
    static final int WAIT_MILLIS = 10;
    static final int EXCHANGES = 10_000;

    /** How long and how often JMH measures. Quick: about 2 minutes on 2 cores (the 2-thread pool's 5 s waits are 20 s of it). */
    record Settings(String mode, int forks, int warmups, int measurements, int iterationMillis, int scaleSeconds) {
        static Settings of(String mode) {
            return mode.equals("full")
                ? new Settings("full", 3, 3, 5, 2000, 20)
                : new Settings("quick", 1, 1, 3, 800, 8);
        }
    }

    private BenchmarkSuite() {
    }

    public static void main(String[] args) throws Exception {
        long started = System.nanoTime();
        String mode = option(args, "mode", "quick");
        Path out = Path.of(option(args, "out", "target/benchmarks"));
        String code = option(args, "code", "?");
        Settings settings = Settings.of(mode);
        // The solutions profile points the sources at <module>/../solutions/<module>/src/main/java.
        boolean reference = code.replace('\\', '/').contains("/../solutions/");
        Files.createDirectories(out.resolve("jmh-logs"));

        System.out.printf("%nThreads vs Async on the JVM: benchmark suite (%s mode)%n", settings.mode());
        System.out.printf("Runners: %s%n", reference ? "the REFERENCE solutions (" + code + ")" : "YOUR code (" + code + ")");
        System.out.printf("Machine: %d cores, %s, %s%n", Machine.cores(), Machine.cpuModel(), Machine.jdk());

        List<String> problems = preflight();
        if (!problems.isEmpty()) {
            System.out.println();
            System.out.println("Your runners are not ready to be measured yet:");
            problems.forEach(problem -> System.out.println("  - " + problem));
            System.out.println();
            System.out.println("Make the exercises' tests pass first:  ./mvnw -pl module-05-benchmarks test");
            System.out.println("Or measure the reference runners:      ./mvnw -q -pl module-05-benchmarks verify -Pbench,solutions");
            System.exit(2);
        }

        String loadBefore = Machine.loadAverage();
        Machine.CpuTicks before = Machine.CpuTicks.now();
        List<Measurement> measurements = measure(settings, out.resolve("jmh-logs"));
        List<ScaleResult> scale = probeScale(settings);
        ServerScenario.Outcome servers = ServerScenario.run(settings.mode()); // the HTTP service (Ex07)
        Machine.CpuTicks after = Machine.CpuTicks.now();
        String loadAfter = Machine.loadAverage();

        double wallSeconds = (System.nanoTime() - started) / 1e9;
        Report report = new Report(settings.mode(), reference, code, measurements, scale,
            Machine.otherProcessesCores(before, after), loadBefore, loadAfter, wallSeconds);
        report.withServers(servers);
        System.out.println(report.console());
        report.writeTo(out);
        System.out.printf("Wrote %s, %s and %s%n", out.resolve("results.json"), out.resolve("report.md"), out.resolve("chart.svg"));
    }

    /** Runs every runner once on tiny inputs: a starter that throws or a wrong result stops the suite here. */
    static List<String> preflight() {
        List<String> problems = new ArrayList<>();
        List<Integer> ids = IntStream.range(0, 8).boxed().toList();
        List<Long> mixed = IntStream.range(0, 4).mapToObj(id -> MixingLoop.mix(id, 1000)).toList();
        for (Runners runner : Runners.values()) {
            String name = runner.exercise + " (" + runner.label + ")";
            try (ScenarioRunner scenarios = runner.create()) {
                expect(problems, name + " spawn", ids, scenarios.spawn(8, id -> id));
                expect(problems, name + " waitThen", ids, scenarios.waitThen(8, Duration.ofMillis(1), id -> id));
                expect(problems, name + " compute", mixed, scenarios.compute(4, id -> MixingLoop.mix(id, 1000)));
            } catch (UnsupportedOperationException e) {
                problems.add(e.getMessage());
            } catch (Exception | Error e) {
                problems.add(name + " failed: " + e);
            }
        }
        Vertx vertx = Vertx.vertx();
        try {
            expect(problems, "Ex06 platformThreads", 20L, Ex06_PingPong.platformThreads(10).ball());
            expect(problems, "Ex06 virtualThreads", 20L, Ex06_PingPong.virtualThreads(10).ball());
            expect(problems, "Ex06 eventLoop", 20L, Ex06_PingPong.eventLoop(vertx, 10).ball());
        } catch (UnsupportedOperationException e) {
            problems.add(e.getMessage());
        } catch (Exception | Error e) {
            problems.add("Ex06 failed: " + e);
        } finally {
            vertx.close().await();
        }
        ServerScenario.preflight(problems); // Ex07's three servers
        return problems;
    }

    private static void expect(List<String> problems, String what, Object expected, Object actual) {
        if (!expected.equals(actual)) {
            problems.add(what + " returned " + abbreviate(actual) + " instead of " + abbreviate(expected));
        }
    }

    private static String abbreviate(Object value) {
        String text = String.valueOf(value);
        return text.length() > 80 ? text.substring(0, 77) + "..." : text;
    }

    /** One JMH run per benchmark and runner, in its own forked JVM(s), printing a line as each ends. */
    static List<Measurement> measure(Settings settings, Path logs) throws RunnerException {
        record Job(String scenario, String runner, Class<?> benchmark, String method, String param, int units) {
        }
        List<Job> jobs = new ArrayList<>();
        int cpuUnits = MixingLoop.cpuUnits();
        for (Runners runner : Runners.values()) {
            jobs.add(new Job("spawn", runner.key, ScenarioBenchmark.class, "spawn", "runner", UNITS));
        }
        for (Runners runner : Runners.values()) {
            jobs.add(new Job("wait", runner.key, ScenarioBenchmark.class, "waitScenario", "runner", UNITS));
        }
        jobs.add(new Job("cpu", "sequential", CpuReferenceBenchmark.class, "oneUnit", null, 1));
        for (Runners runner : Runners.values()) {
            jobs.add(new Job("cpu", runner.key, ScenarioBenchmark.class, "cpu", "runner", cpuUnits));
        }
        for (String model : List.of("platform", "virtual", "eventloop")) {
            jobs.add(new Job("switch", model, PingPongBenchmark.class, "rally", "model", 2 * EXCHANGES));
        }
        System.out.printf("%nMeasuring %d benchmarks (%d fork(s), %d warm-up + %d measured iterations of %d ms each).%n",
            jobs.size(), settings.forks(), settings.warmups(), settings.measurements(), settings.iterationMillis());
        System.out.printf("JMH's own output is in %s%n", logs);

        List<Measurement> measurements = new ArrayList<>();
        int done = 0;
        for (Job job : jobs) {
            // The pool's waits are 5 s of sleeping per call: nothing to warm up, and a warm-up call would cost 5 s more.
            boolean sleepsOnly = job.scenario().equals("wait") && job.runner().equals("pool");
            ChainedOptionsBuilder options = new OptionsBuilder()
                .include("^" + Pattern.quote(job.benchmark().getName() + "." + job.method()) + "$")
                .forks(settings.forks())
                .warmupIterations(sleepsOnly ? 0 : settings.warmups())
                .warmupTime(TimeValue.milliseconds(settings.iterationMillis()))
                .measurementIterations(settings.measurements())
                .measurementTime(TimeValue.milliseconds(settings.iterationMillis()))
                .timeUnit(TimeUnit.MILLISECONDS)
                .jvmArgsAppend("--sun-misc-unsafe-memory-access=allow") // JMH 1.37 uses sun.misc.Unsafe: no warning
                .shouldFailOnError(true)
                .output(logs.resolve(job.scenario() + "-" + job.runner() + ".log").toString());
            if (job.param() != null) {
                options.param(job.param(), job.runner());
            }
            RunResult result = new Runner(options.build()).run().iterator().next();
            Statistics stats = result.getPrimaryResult().getStatistics();
            Measurement measurement = new Measurement(job.scenario(), job.runner(), job.units(),
                stats.getPercentile(50), stats.getMean(), stats.getMeanErrorAt(0.999), stats.getN());
            measurements.add(measurement);
            done++;
            System.out.printf("  [%2d/%d] %-6s %-10s median %10.3f ms  (%d calls)%n",
                done, jobs.size(), job.scenario(), job.runner(), measurement.medianMs(), measurement.samples());
        }
        return measurements;
    }

    /** Each model in its own JVM with a 512 MB heap, stopped at a cap that keeps the machine safe. */
    static List<ScaleResult> probeScale(Settings settings) throws IOException, InterruptedException {
        int platformCap = 5_000;
        if (Machine.pidMax() > 0 && Machine.tasksNow() > 0) {
            // Never take more than a quarter of the thread ids still free on this machine.
            platformCap = Math.min(platformCap, (Machine.pidMax() - Machine.tasksNow()) / 4);
        }
        System.out.printf("%nScale probe: waiting units in a JVM with -Xmx512m (at most %d s each).%n", settings.scaleSeconds());
        List<ScaleResult> results = new ArrayList<>();
        results.add(probe("platform", platformCap, settings.scaleSeconds()));
        results.add(probe("virtual", 200_000, settings.scaleSeconds()));
        results.add(probe("vertx", 200_000, settings.scaleSeconds()));
        return results;
    }

    private static ScaleResult probe(String model, int cap, int seconds) throws IOException, InterruptedException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process process = new ProcessBuilder(java, "-Xmx512m", "-cp", System.getProperty("java.class.path"),
            ScaleProbe.class.getName(), model, Integer.toString(cap), Integer.toString(seconds))
            .redirectErrorStream(true)
            .start();
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
        String stoppedBy = null;
        if (!process.waitFor(seconds + 20L, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
            stoppedBy = "killed after " + (seconds + 20) + " s";
        }
        reader.join(Duration.ofSeconds(5));
        long[] first = null;
        long[] last = null;
        synchronized (lines) {
            for (String line : lines) {
                if (line.startsWith("STEP ")) {
                    String[] parts = line.split(" ");
                    last = new long[] {Long.parseLong(parts[1]), Long.parseLong(parts[2])};
                    if (first == null) {
                        first = last;
                    }
                } else if (line.startsWith("END ") && stoppedBy == null) {
                    stoppedBy = line.substring(4);
                }
            }
        }
        if (stoppedBy == null) {
            stoppedBy = "probe JVM exited with " + process.exitValue();
        }
        int reached = last == null ? 0 : (int) last[0];
        long bytesPerUnit = -1;
        if (first != null && last[0] > first[0] && first[1] > 0) {
            bytesPerUnit = (last[1] - first[1]) * 1024 / (last[0] - first[0]);
        }
        ScaleResult result = new ScaleResult(model, cap, reached, stoppedBy, bytesPerUnit);
        System.out.printf("  %-8s %,9d units (cap %,d, stopped by: %s), %s resident per unit%n",
            model, reached, cap, stoppedBy, bytesPerUnit < 0 ? "?" : Report.bytes(bytesPerUnit));
        return result;
    }

    private static String option(String[] args, String name, String fallback) {
        for (String arg : args) {
            if (arg.startsWith("--" + name + "=")) {
                return arg.substring(name.length() + 3);
            }
        }
        return fallback;
    }
}
