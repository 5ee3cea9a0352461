package course.benchmarks.harness;

import course.benchmarks.Ex06_PingPong;
import course.benchmarks.MixingLoop;
import course.benchmarks.ScenarioRunner;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * The module's main command: checks each runner, times every scenario of the runners that pass
 * (JMH for spawn, wait and switch; {@link CpuProbe} for CPU; {@link ColdStart} for first calls in
 * fresh JVMs), probes how many waiting units fit in a fixed heap, then prints the tables and
 * writes results.json, report.md and chart.svg. Runners that fail their check are listed as "not
 * implemented yet" (or what is wrong), never measured, and never stop the others.
 *
 * <p>Arguments (the bench profile in the module pom passes them):
 * {@code --mode=quick|full --out=DIR --code=PATH-OF-THE-RUNNERS}.
 */
public final class BenchmarkSuite {

    /** The published sizes (tokio-vs-thread-spawning: 1,000 units, 10 ms waits; the switch: our own rally). */
    static final int UNITS = 1000;
    static final int WAIT_MILLIS = 10;
    static final int EXCHANGES = 10_000;

    /**
     * The CPU scenario's rounds in full mode: at least 60, then more until the ratio's interval is within
     * ± 2%, at most 200 (CpuProbe). On a quiet 2-core machine 60 rounds narrowed every runner but the
     * platform threads to ± 2% or less (40: ± 1.3-4.1%); the platform threads' calls vary so much from
     * call to call that theirs was still ± 3.4% at 60. Quick mode's 15 decide a target only when the ratio
     * is well away from the 3% line.
     */
    static final int FULL_CPU_ROUNDS = 60;
    static final int FULL_CPU_MOST_ROUNDS = 200;

    /** How long and how often each part measures. Quick: the whole suite in about 2 minutes on 2 cores. */
    record Settings(String mode, int forks, int warmups, int measurements, int iterationMillis, int cpuRounds,
                    int cpuMostRounds, int coldJvms, int scaleSeconds) {
        static Settings of(String mode) {
            return mode.equals("full")
                ? new Settings("full", 3, 3, 5, 2000, FULL_CPU_ROUNDS, FULL_CPU_MOST_ROUNDS, 5, 20)
                : new Settings("quick", 1, 1, 3, 400, 15, 15, 5, 4);
        }
    }

    private BenchmarkSuite() {
    }

    public static void main(String[] args) {
        try {
            run(args);
        } catch (Exception | Error e) {
            // One line, no stack trace: the cause is in the message, the details in jmh-logs/.
            System.out.println();
            System.out.println("The benchmark suite stopped: " + e);
            System.exit(1);
        }
    }

    private static void run(String[] args) throws Exception {
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

        Map<String, String> problems = check();
        List<NotReady> notReady = new ArrayList<>();
        problems.forEach((job, problem) -> notReady.add(new NotReady(job.split("/")[0], job.split("/")[1], problem)));
        if (!problems.isEmpty()) {
            System.out.println();
            System.out.println("Not measured (fix these and run again; the tests say more: ./mvnw -pl module-05-benchmarks test):");
            problems.values().stream().distinct().forEach(problem -> System.out.println("  - " + problem));
        }
        if (problems.size() == jobKeys().size()) {
            System.out.println();
            System.out.println("Nothing to measure yet: no runner passed its check.");
            System.out.println("Make the exercises' tests pass first:  ./mvnw -pl module-05-benchmarks test");
            System.out.println("Or measure the reference runners:      ./mvnw -q -pl module-05-benchmarks verify -Pbench,solutions");
            return;
        }

        String loadBefore = Machine.loadAverage();
        Machine.CpuTicks before = Machine.CpuTicks.now();
        List<Measurement> measurements = measure(settings, out, problems);
        List<CpuResult> cpu = measureCpu(settings, problems);
        List<ColdResult> cold = measureCold(settings, problems);
        List<ScaleResult> scale = probeScale(settings);
        // The HTTP service (Ex07) is measured when all of its servers passed their check.
        ServerScenario.Outcome servers = problems.keySet().stream().anyMatch(job -> job.startsWith("servers/"))
            ? null : ServerScenario.run(settings.mode());
        Noise overall = Noise.between(before, Machine.CpuTicks.now());
        String loadAfter = Machine.loadAverage();

        double wallSeconds = (System.nanoTime() - started) / 1e9;
        Report report = new Report(new Report.Results(settings.mode(), reference, code, wallSeconds, measurements, cpu, cold,
            scale, notReady, overall, loadBefore, loadAfter));
        report.withServers(servers);
        System.out.println(report.console());
        report.writeTo(out);
        System.out.printf("Wrote %s, %s and %s%n", out.resolve("results.json"), out.resolve("report.md"), out.resolve("chart.svg"));
        System.out.println(reference
            ? "next: read module-05-benchmarks/METHOD.md for what every column means; to learn why they look so, start at "
                + "module-01-threads/README.md and ./mvnw -q -Dcourse=progress"
            : "next: ./mvnw -q -Dcourse=progress shows your next exercise; run this again as more runners pass");
    }

    // ---------------------------------------------------------------- the checks

    /** Every scenario/runner pair the suite measures, by key "scenario/runner". */
    static List<String> jobKeys() {
        List<String> keys = new ArrayList<>();
        for (String scenario : List.of("spawn", "wait", "cpu")) {
            for (Runners runner : Runners.values()) {
                keys.add(scenario + "/" + runner.key);
            }
        }
        for (String model : List.of("platform", "virtual", "eventloop")) {
            keys.add("switch/" + model);
        }
        for (ServerScenario.Model model : ServerScenario.Model.values()) {
            keys.add("servers/" + model.key);
        }
        return keys;
    }

    /**
     * Runs every runner's scenarios once on small inputs, each with a time limit. Returns the
     * problem of every scenario/runner pair that failed (a starter's "not implemented yet", a wrong
     * result, waits that do not overlap, a hang), by job key; the rest are measured.
     */
    static Map<String, String> check() {
        Map<String, String> problems = new LinkedHashMap<>();
        List<Integer> ids = IntStream.range(0, 8).boxed().toList();
        List<Long> mixed = IntStream.range(0, 4).mapToObj(id -> MixingLoop.mix(id, 1000)).toList();
        for (Runners runner : Runners.values()) {
            String name = runner.exercise + " (" + runner.label + ")";
            ScenarioRunner scenarios;
            try {
                scenarios = runner.create();
            } catch (Exception | Error e) {
                for (String scenario : List.of("spawn", "wait", "cpu")) {
                    problems.put(scenario + "/" + runner.key, name + ": could not be created: " + e);
                }
                continue;
            }
            try {
                expect(problems, "spawn/" + runner.key, name + " spawn", ids, () -> scenarios.spawn(8, id -> id));
                expect(problems, "wait/" + runner.key, name + " waitThen", ids, () -> scenarios.waitThen(8, Duration.ofMillis(1), id -> id));
                if (!runner.key.equals("pool") && !problems.containsKey("wait/" + runner.key)) {
                    // 100 waits of 20 ms one after another take 2 s: the JMH run would take minutes.
                    long start = System.nanoTime();
                    expect(problems, "wait/" + runner.key, name + " waitThen", IntStream.range(0, 100).boxed().toList(),
                        () -> scenarios.waitThen(100, Duration.ofMillis(20), id -> id));
                    long millis = (System.nanoTime() - start) / 1_000_000;
                    if (!problems.containsKey("wait/" + runner.key) && millis > 1500) { // taking turns: 2,000 ms at least
                        problems.put("wait/" + runner.key, name + " waitThen: 100 waits of 20 ms took " + millis
                            + " ms, so they did not overlap (run its tests)");
                    }
                }
                expect(problems, "cpu/" + runner.key, name + " compute", mixed, () -> scenarios.compute(4, id -> MixingLoop.mix(id, 1000)));
            } finally {
                try {
                    scenarios.close();
                } catch (Exception | Error ignored) {
                    // a starter's close() may not be written yet
                }
            }
        }
        Vertx vertx = Vertx.vertx();
        try {
            expect(problems, "switch/platform", "Ex06 platformThreads", 20L, () -> Ex06_PingPong.platformThreads(10).ball());
            expect(problems, "switch/virtual", "Ex06 virtualThreads", 20L, () -> Ex06_PingPong.virtualThreads(10).ball());
            expect(problems, "switch/eventloop", "Ex06 eventLoop", 20L, () -> Ex06_PingPong.eventLoop(vertx, 10).ball());
        } finally {
            vertx.close().await();
        }
        ServerScenario.preflight(problems); // Ex07's three servers and the harness's two Vert.x twins
        return problems;
    }

    /** Runs one check with a time limit; records why it failed, if it did. */
    private static void expect(Map<String, String> problems, String job, String what, Object expected, Callable<?> check) {
        CompletableFuture<Object> result = new CompletableFuture<>();
        Thread.ofPlatform().daemon(true).name("check " + what).start(() -> {
            try {
                result.complete(check.call());
            } catch (Throwable e) {
                result.completeExceptionally(e);
            }
        });
        String problem;
        try {
            Object actual = result.get(20, TimeUnit.SECONDS);
            problem = expected.equals(actual) ? null : what + " returned " + abbreviate(actual) + " instead of " + abbreviate(expected);
        } catch (TimeoutException e) {
            problem = what + " did not return within 20 s";
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            problem = cause instanceof UnsupportedOperationException && cause.getMessage() != null
                ? cause.getMessage()
                : what + " failed: " + cause;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            problem = what + " was interrupted";
        }
        if (problem != null) {
            problems.putIfAbsent(job, problem);
        }
    }

    private static String abbreviate(Object value) {
        String text = String.valueOf(value);
        return text.length() > 80 ? text.substring(0, 77) + "..." : text;
    }

    // ---------------------------------------------------------------- JMH: spawn, wait, switch

    /** One JMH run per benchmark and runner, in its own forked JVM(s), printing a line as each ends. */
    static List<Measurement> measure(Settings settings, Path out, Map<String, String> problems) throws RunnerException, IOException {
        record Job(String scenario, String runner, Class<?> benchmark, String method, String param, String value, int units,
                   boolean singleShot, boolean pinned) {
        }
        List<Job> jobs = new ArrayList<>();
        for (Runners runner : Runners.values()) {
            if (!problems.containsKey("spawn/" + runner.key)) {
                jobs.add(new Job("spawn", runner.key, ScenarioBenchmark.class, "spawn", "runner", runner.key, UNITS, false, false));
            }
        }
        for (Runners runner : Runners.values()) {
            if (!problems.containsKey("wait/" + runner.key)) {
                // The pool's waits are 1,000 x 10 ms of sleeping on cores threads: seconds per call, nothing to warm up,
                // the same every time. One call is the measurement (and the analytic figure says what to expect).
                boolean pool = runner.key.equals("pool");
                jobs.add(new Job("wait", runner.key, ScenarioBenchmark.class, "waitScenario", "runner", runner.key, UNITS, pool, false));
            }
        }
        String pinWrapper = pinnedJvm(out);
        for (String model : List.of("platform", "virtual", "eventloop")) {
            if (!problems.containsKey("switch/" + model)) {
                jobs.add(new Job("switch", model, PingPongBenchmark.class, "rally", "model", model, 2 * EXCHANGES, false, false));
                if (model.equals("platform") && pinWrapper != null) {
                    jobs.add(new Job("switch", "platform-pinned", PingPongBenchmark.class, "rally", "model", model, 2 * EXCHANGES,
                        false, true));
                }
            }
        }
        if (pinWrapper == null) {
            System.out.println("Note: taskset is not available here, so the ping-pong is not also run pinned to one CPU.");
        }
        Path logs = out.resolve("jmh-logs");
        System.out.printf("%nMeasuring %d benchmarks with JMH (%d fork(s), %d warm-up + %d measured iterations of %d ms each).%n",
            jobs.size(), settings.forks(), settings.warmups(), settings.measurements(), settings.iterationMillis());
        System.out.printf("JMH's own output is in %s%n", logs);

        List<Measurement> measurements = new ArrayList<>();
        int done = 0;
        for (Job job : jobs) {
            ChainedOptionsBuilder options = new OptionsBuilder()
                .include("^" + Pattern.quote(job.benchmark().getName() + "." + job.method()) + "$")
                .timeUnit(TimeUnit.MILLISECONDS)
                .jvmArgsAppend("--sun-misc-unsafe-memory-access=allow") // JMH 1.37 uses sun.misc.Unsafe: no warning
                .shouldFailOnError(true)
                .output(logs.resolve(job.scenario() + "-" + job.runner() + ".log").toString())
                .param(job.param(), job.value());
            if (job.singleShot()) {
                options.mode(Mode.SingleShotTime).forks(1).warmupIterations(0).measurementIterations(1);
            } else {
                options.forks(settings.forks())
                    .warmupIterations(settings.warmups())
                    .warmupTime(TimeValue.milliseconds(settings.iterationMillis()))
                    .measurementIterations(settings.measurements())
                    .measurementTime(TimeValue.milliseconds(settings.iterationMillis()));
            }
            if (job.pinned()) {
                options.jvm(pinWrapper);
            }
            Machine.CpuTicks before = Machine.CpuTicks.now();
            RunResult result = new Runner(options.build()).run().iterator().next();
            Noise noise = Noise.between(before, Machine.CpuTicks.now());
            Stats stats = Stats.of(result.getPrimaryResult().getStatistics());
            Measurement measurement = new Measurement(job.scenario(), job.runner(), job.units(), stats,
                job.singleShot() ? Measurement.SINGLE_SHOT : Measurement.WARM, noise);
            measurements.add(measurement);
            done++;
            System.out.printf("  [%2d/%d] %-6s %-16s median %10.3f ms  (%d call%s)  noise %s%n", done, jobs.size(), job.scenario(),
                job.runner(), measurement.medianMs(), measurement.samples(), measurement.samples() == 1 ? "" : "s", noise.cell());
        }
        return measurements;
    }

    /**
     * A script that starts the JVM pinned to CPU 0 ({@code taskset -c 0 java ...}), for JMH to fork
     * the pinned ping-pong with; null where taskset is not available (not Linux, or not installed).
     */
    private static String pinnedJvm(Path out) throws IOException {
        try {
            Process probe = new ProcessBuilder("taskset", "-c", "0", "true").redirectErrorStream(true).start();
            if (!probe.waitFor(5, TimeUnit.SECONDS) || probe.exitValue() != 0) {
                return null;
            }
        } catch (IOException | InterruptedException e) {
            return null;
        }
        Path script = out.resolve("java-on-cpu0.sh");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Files.writeString(script, "#!/bin/sh\n# The JVM JMH forks for the pinned ping-pong: every thread on CPU 0.\nexec taskset -c 0 '"
            + java + "' \"$@\"\n");
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
        return script.toString();
    }

    // ---------------------------------------------------------------- CPU: runner and ideal in the same JVM

    static List<CpuResult> measureCpu(Settings settings, Map<String, String> problems) throws IOException, InterruptedException {
        int units = MixingLoop.cpuUnits();
        System.out.printf("%nCPU: %d units x %,d rounds per call; in one JVM per runner, %s of (one unit alone, one call).%n",
            units, MixingLoop.PUBLISHED_ROUNDS, settings.cpuMostRounds() > settings.cpuRounds()
                ? String.format("%d rounds, then more until the interval is within ±2%% (at most %d)", settings.cpuRounds(), settings.cpuMostRounds())
                : settings.cpuRounds() + " rounds");
        List<CpuResult> results = new ArrayList<>();
        for (Runners runner : Runners.values()) {
            if (problems.containsKey("cpu/" + runner.key)) {
                continue;
            }
            Machine.CpuTicks before = Machine.CpuTicks.now();
            ChildJvm.Output output = ChildJvm.run(List.of("--sun-misc-unsafe-memory-access=allow"), CpuProbe.class,
                List.of(runner.key, Integer.toString(units), Long.toString(MixingLoop.PUBLISHED_ROUNDS),
                    Integer.toString(settings.cpuRounds()), Integer.toString(settings.cpuMostRounds())), Duration.ofMinutes(5));
            Noise noise = Noise.between(before, Machine.CpuTicks.now());
            List<String[]> rounds = output.tagged("ROUND");
            if (rounds.isEmpty()) {
                problems.put("cpu/" + runner.key, runner.exercise + " compute failed in the CPU probe: " + output.problem());
                System.out.printf("  %-8s failed: %s%n", runner.key, output.problem());
                continue;
            }
            List<Double> sequential = new ArrayList<>();
            List<Double> call = new ArrayList<>();
            List<Double> ofIdeal = new ArrayList<>();
            double callCpu = 0;
            double aloneCpu = 0;
            for (String[] round : rounds) {
                double oneUnit = Long.parseLong(round[0]) / 1e6;
                double parallel = Long.parseLong(round[1]) / 1e6;
                sequential.add(oneUnit);
                call.add(parallel);
                ofIdeal.add(parallel / (oneUnit * units / Machine.cores()));
                callCpu += Long.parseLong(round[2]) / 1e6;
                aloneCpu += Long.parseLong(round[3]) / 1e6;
            }
            CpuResult result = new CpuResult(runner.key, units, Machine.cores(), Stats.of(call), Stats.of(sequential),
                Stats.of(ofIdeal), callCpu / rounds.size() / units, aloneCpu / rounds.size(), noise);
            results.add(result);
            System.out.printf(Locale.ROOT, "  %-8s median %8.2f ms, %.3fx the ideal (%.2f ms), CPU %.2f ms per unit (alone %.2f)  noise %s%n",
                runner.key, result.call().median(), result.ofIdeal().median(), result.idealMs(), result.cpuPerUnitMs(),
                result.aloneCpuMs(), noise.cell());
        }
        return results;
    }

    // ---------------------------------------------------------------- cold starts

    static List<ColdResult> measureCold(Settings settings, Map<String, String> problems) throws IOException, InterruptedException {
        System.out.printf("%nCold starts: the first calls in a fresh JVM, %d JVMs per runner and scenario.%n", settings.coldJvms());
        List<ColdResult> results = new ArrayList<>();
        for (String scenario : List.of("spawn", "wait")) {
            for (Runners runner : Runners.values()) {
                if (problems.containsKey(scenario + "/" + runner.key)) {
                    continue;
                }
                if (scenario.equals("wait") && runner.key.equals("pool")) {
                    // 5 calls of 1,000 x 10 ms sleeps on cores threads are 25 s of sleeping per JVM: cold or warm, the
                    // same sleeps (the single shot in the wait table is that figure).
                    continue;
                }
                List<Double> first = new ArrayList<>();
                List<Double> medians = new ArrayList<>();
                String problem = null;
                for (int jvm = 0; jvm < settings.coldJvms() && problem == null; jvm++) {
                    ChildJvm.Output output = ChildJvm.run(List.of(), ColdStart.class, List.of(runner.key, scenario), Duration.ofSeconds(60));
                    List<String[]> calls = output.tagged("CALL");
                    if (calls.size() < ColdStart.CALLS) {
                        problem = "cold start failed: " + output.problem();
                        break;
                    }
                    List<Double> millis = calls.stream().map(call -> Long.parseLong(call[1]) / 1e6).toList();
                    first.add(millis.getFirst());
                    medians.add(Stats.of(millis).median());
                }
                ColdResult result = new ColdResult(scenario, runner.key, first, medians, problem);
                results.add(result);
                System.out.printf(Locale.ROOT, "  %-6s %-8s %s%n", scenario, runner.key, result.measured()
                    ? String.format(Locale.ROOT, "first call %.2f ms (median of %d JVMs); first 5 calls' median %.2f ms",
                        result.first().median(), first.size(), result.publishedMethod().median())
                    : problem);
            }
        }
        return results;
    }

    // ---------------------------------------------------------------- scale

    /** Each model in its own JVM with a fixed 512 MB heap and NMT, stopped at a cap that keeps the machine safe. */
    static List<ScaleResult> probeScale(Settings settings) throws IOException, InterruptedException {
        int platformCap = 5_000;
        if (Machine.pidMax() > 0 && Machine.tasksNow() > 0) {
            // Never take more than a quarter of the thread ids still free on this machine.
            platformCap = Math.min(platformCap, (Machine.pidMax() - Machine.tasksNow()) / 4);
        }
        System.out.printf("%nScale probe: waiting units in a JVM with -Xms512m -Xmx512m and Native Memory Tracking (at most %d s each).%n",
            settings.scaleSeconds());
        List<ScaleResult> results = new ArrayList<>();
        results.add(probe("platform", platformCap, settings.scaleSeconds()));
        results.add(probe("virtual", 200_000, settings.scaleSeconds()));
        results.add(probe("vertx", 200_000, settings.scaleSeconds()));
        return results;
    }

    private static ScaleResult probe(String model, int cap, int seconds) throws IOException, InterruptedException {
        ChildJvm.Output output = ChildJvm.run(List.of("-Xms512m", "-Xmx512m", "-XX:NativeMemoryTracking=summary"),
            // The probe keeps to its own budget; this limit only ends a probe JVM that hangs (a loaded machine can take a minute).
            ScaleProbe.class, List.of(model, Integer.toString(cap), Integer.toString(seconds)), Duration.ofSeconds(2L * seconds + 90));
        int reached = output.tagged("STEP").stream().mapToInt(step -> Integer.parseInt(step[0])).max().orElse(0);
        String stoppedBy = output.tagged("END").stream().map(words -> String.join(" ", words)).findFirst()
            .orElse(output.finished() ? "probe JVM exited with " + output.exitCode() : "killed after " + (2 * seconds + 90) + " s");
        long[] cost = output.tagged("COST").stream().findFirst()
            .map(words -> java.util.Arrays.stream(words).mapToLong(Long::parseLong).toArray())
            .orElse(new long[] {0, -1, -1, -1, -1, -1, -1});
        int measured = (int) cost[0];
        ScaleResult result = new ScaleResult(model, cap, reached, stoppedBy, measured, perUnit(cost[1], measured),
            perUnit(cost[2], measured), perUnit(cost[3], measured), perUnit(cost[4], measured), perUnit(cost[5], measured),
            (int) cost[6]);
        System.out.printf("  %-8s %,9d units (cap %,d, stopped by: %s); per unit: heap %s, NMT thread %s, RSS %s, kernel stack %s%n",
            model, reached, cap, stoppedBy, Report.bytes(result.heapPerUnit()), Report.bytes(result.nmtThreadPerUnit()),
            Report.bytes(result.rssPerUnit()), Report.bytes(result.kernelStackPerUnit()));
        return result;
    }

    /** A delta over {@code units} units, per unit; -1 when the delta is unknown or there were no units. */
    private static long perUnit(long delta, int units) {
        return delta == -1 || units <= 0 ? -1 : delta / units;
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
