package course.benchmarks.harness;

import course.benchmarks.Backend;
import course.benchmarks.Ex07_HttpServers;
import course.benchmarks.MixingLoop;
import course.benchmarks.RunningServer;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;

/**
 * The question users actually ask: one small HTTP service (Ex07: wait W for a database, compute
 * C, answer JSON) served by each model, under a rising number of connections, compared on the same
 * server: on the JDK's HttpServer a fixed pool and a virtual thread per request (Ex07); on one
 * Vert.x server a 200-thread worker pool, the event loop (Ex07) and a virtual-thread verticle
 * ({@link VertxServers}). For each model it starts the server in a JVM of its own
 * ({@link ServerProcess}), loads it with the {@link LoadGenerator} at each level (closed loop) and,
 * in full mode, at fixed rates (open loop), and records requests/s, latency percentiles, errors,
 * and the CPU each side used.
 *
 * <p>What bounds the answer: a request takes at least W + C, so N users get at most N / (W + C)
 * requests/s; every request needs C of a core, so no model beats cores / C; and a pool of P
 * threads, each held for W + C, serves at most P / (W + C).
 */
public final class ServerScenario {

    /** The usual servlet-container default: the pool model's size. */
    static final int POOL_SIZE = 200;

    /** The two servers: each model runs on one of them, so models are compared on the same server. */
    enum Server {
        JDK("the JDK's HttpServer (com.sun.net.httpserver)"),
        VERTX("one Vert.x (Netty) HttpServer on one event loop");

        final String label;

        Server(String label) {
            this.label = label;
        }
    }

    /**
     * The models, by the short key used in results.json, each on its server. Ex07 (the learner's)
     * gives the JDK pair and the event loop; {@link VertxServers} (the harness) gives the event
     * loop's two twins on the same Vert.x server. A server's pooled model comes first: the open loop's
     * rates are fractions of its measured capacity.
     */
    enum Model {
        POOL("pool", "fixed pool, " + POOL_SIZE + " platform threads", Server.JDK, true),
        VIRTUAL("virtual", "virtual thread per request", Server.JDK, false),
        VERTX_WORKER("vertx-worker", "Vert.x worker pool, " + POOL_SIZE + " threads", Server.VERTX, true),
        VERTX("vertx", "Vert.x event loop", Server.VERTX, false),
        VERTX_VIRTUAL("vertx-virtual", "Vert.x virtual-thread verticle", Server.VERTX, false);

        final String key;
        final String label;
        final Server server;
        /** Each request holds one of {@link #POOL_SIZE} platform threads for its whole time: its server's baseline. */
        final boolean pooled;

        Model(String key, String label, Server server, boolean pooled) {
            this.key = key;
            this.label = label;
            this.server = server;
            this.pooled = pooled;
        }

        RunningServer start(Backend backend, int poolSize) throws IOException {
            return switch (this) {
                case POOL -> Ex07_HttpServers.fixedPool(backend, poolSize);
                case VIRTUAL -> Ex07_HttpServers.virtualThreads(backend);
                case VERTX -> Ex07_HttpServers.vertx(backend);
                case VERTX_WORKER -> VertxServers.workerPool(backend, poolSize);
                case VERTX_VIRTUAL -> VertxServers.virtualThreadVerticle(backend);
            };
        }

        /** The pooled model on the same server: what this model is compared with. */
        Model baseline() {
            for (Model model : values()) {
                if (model.server == server && model.pooled) {
                    return model;
                }
            }
            throw new IllegalStateException("no pooled model on " + server);
        }

        /** Ex07's servers (the learner's code); the others are the harness's. */
        boolean learners() {
            return this == POOL || this == VIRTUAL || this == VERTX;
        }

        static Model byKey(String key) {
            for (Model model : values()) {
                if (model.key.equals(key)) {
                    return model;
                }
            }
            throw new IllegalArgumentException("no server model called " + key);
        }
    }

    /**
     * How hard and how long: the quick suite's share is about a minute and a quarter on 2 cores. The open loop
     * (the requests a second at {@code openLoad} x the pooled model's measured capacity, the same rates
     * for every model of a server) runs in full mode only: each rate needs a warm-up and a window of
     * its own, minutes the quick suite does not have.
     */
    record Settings(String mode, List<Integer> levels, Duration warmUp, Duration measure,
                    List<Double> openLoad, Duration openWarmUp, Duration openMeasure) {
        static Settings of(String mode) {
            return mode.equals("full")
                ? new Settings("full", List.of(100, 1_000, 2_000, 5_000), Duration.ofSeconds(5), Duration.ofSeconds(10),
                    List.of(0.5, 0.9), Duration.ofSeconds(3), Duration.ofSeconds(10))
                // five models in little more time than three took at 2 + 3 s a level: the quick suite's budget is 3 minutes
                : new Settings("quick", List.of(100, 1_000, 2_000), Duration.ofMillis(1_500), Duration.ofSeconds(2),
                    List.of(), Duration.ZERO, Duration.ZERO);
        }

        /** These settings with the open loop at {@code load} (fractions of the pooled model's capacity): {@code --open-loop=0.5,0.9}. */
        Settings withOpenLoop(List<Double> load) {
            return new Settings(mode, levels, warmUp, measure, load, openWarmUp.isZero() ? Duration.ofSeconds(3) : openWarmUp,
                openMeasure.isZero() ? Duration.ofSeconds(10) : openMeasure);
        }
    }

    /**
     * Everything the report needs: the service's parameters, C as measured here, the cap the OS
     * imposed (if any), one result per model and level (closed loop), and the open loop's rows
     * ({@code open}: empty when it did not run, as in quick mode).
     */
    public record Outcome(String mode, long waitMillis, long cpuRounds, double cpuMicros, int cores, int poolSize,
                          double warmUpSeconds, double measureSeconds, int cap, String capReason, List<ServerResult> results,
                          List<ServerResult> open, double openMeasureSeconds) {

        /** W + C in ms: the fastest any request can be answered. */
        public double serviceMs() {
            return waitMillis + cpuMicros / 1000;
        }

        /** N / (W + C): the most N users can get, each waiting for their answer. */
        public double usersBound(double connections) {
            return connections / (serviceMs() / 1000);
        }

        /** cores / C: the most requests/s the machine's cores can compute, whatever the model. */
        public double cpuCeiling() {
            return cores / (cpuMicros / 1e6);
        }

        /** P / (W + C): the pool's own ceiling (each request holds a thread for W + C). */
        public double poolCeiling() {
            return poolSize / (serviceMs() / 1000);
        }

        /** The service's bound at N connections: min(N / (W + C), cores / C). */
        public double bound(double connections) {
            return Math.min(usersBound(connections), cpuCeiling());
        }

        /** The lowest mean latency at N connections: W + C, or N / (cores / C) once the cores are the limit. */
        public double latencyFloorMs(double connections) {
            return Math.max(serviceMs(), connections / cpuCeiling() * 1000);
        }

        /** The capacity the open loop's rates are fractions of: the most requests/s the server's pooled model served closed-loop; NaN if none. */
        public double poolCapacity(Server server) {
            return capacity(results, server);
        }
    }

    /** The most requests/s the pooled model of {@code server} served in {@code closed}; NaN when it was not measured. */
    static double capacity(List<ServerResult> closed, Server server) {
        return closed.stream().filter(r -> Model.byKey(r.model()).server == server && Model.byKey(r.model()).pooled)
            .mapToDouble(ServerResult::requestsPerSecond).filter(rate -> rate > 0).max().orElse(Double.NaN);
    }

    private ServerScenario() {
    }

    /** Standalone: only the HTTP scenario, written next to the suite's files as http-report.md, http-results.json, http-chart.svg. */
    public static void main(String[] args) throws Exception {
        String mode = option(args, "mode", "quick");
        Path out = Path.of(option(args, "out", "target/benchmarks"));
        System.out.printf("%nThreads vs Async on the JVM: the HTTP service only (%s mode)%n", mode);
        System.out.printf("Machine: %d cores, %s, %s%n", Machine.cores(), Machine.cpuModel(), Machine.jdk());
        Map<String, String> problems = new LinkedHashMap<>();
        preflight(problems);
        if (!problems.isEmpty()) {
            System.out.println();
            System.out.println("Your servers are not ready to be measured yet:");
            problems.values().forEach(problem -> System.out.println("  - " + problem));
            System.out.println();
            System.out.println("Make Ex07's tests pass first:  ./mvnw -pl module-05-benchmarks test -Dtest='Ex07*'");
            System.exit(2);
        }
        Settings settings = Settings.of(mode);
        String open = option(args, "open-loop", "");
        if (!open.isEmpty()) {
            settings = settings.withOpenLoop(java.util.Arrays.stream(open.split(",")).map(Double::parseDouble).toList());
        }
        Outcome outcome = run(settings);
        ServerReport report = ServerReport.standalone(outcome);
        System.out.println(report.console());
        Files.createDirectories(out);
        Files.writeString(out.resolve("http-report.md"), report.markdown());
        Files.writeString(out.resolve("http-results.json"), ServerReport.json(outcome).encodePrettily() + "\n");
        Files.writeString(out.resolve("http-chart.svg"), ServerChart.svg(outcome));
        System.out.printf("Wrote %s, %s and %s%n", out.resolve("http-results.json"), out.resolve("http-report.md"), out.resolve("http-chart.svg"));
    }

    /**
     * Starts each model's server in this JVM with a tiny wait and checks three answers. Records the
     * problem of each model that failed under the key {@code servers/<model>}.
     */
    static void preflight(Map<String, String> problems) {
        Backend backend = Backend.simulated(Duration.ofMillis(1), 1_000);
        try (HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build()) {
            for (Model model : Model.values()) {
                String name = (model.learners() ? "Ex07" : "VertxServers") + " (" + model.key + ")";
                try (RunningServer server = model.start(backend, 4)) {
                    for (int id = 0; id < 3; id++) {
                        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/?id=" + id))
                            .timeout(Duration.ofSeconds(60)).build(); // a first request on a busy machine takes seconds
                        HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
                        String expected = Backend.body(id, MixingLoop.mix(id, 1_000));
                        if (response.statusCode() != 200 || !expected.equals(response.body())) {
                            problems.put("servers/" + model.key, name + " answered " + response.statusCode() + " " + response.body() + " instead of 200 " + expected);
                            break;
                        }
                    }
                } catch (UnsupportedOperationException e) {
                    problems.put("servers/" + model.key, e.getMessage());
                } catch (Exception | Error e) {
                    problems.put("servers/" + model.key, name + " failed: " + e);
                }
            }
        }
    }

    /** Measures C, then each model in its own JVM at every level. About a minute in quick mode. */
    public static Outcome run(String mode) throws IOException, InterruptedException {
        return run(Settings.of(mode));
    }

    static Outcome run(Settings settings) throws IOException, InterruptedException {
        long waitMillis = Backend.DEFAULT_WAIT.toMillis();
        long rounds = Backend.DEFAULT_CPU_ROUNDS;
        double cpuMicros = cpuPartMicros(rounds);
        int cap = Integer.MAX_VALUE;
        String capReason = null;
        int[] fds = Limits.freeFileDescriptors();
        if (fds[0] > 0) {
            cap = fds[0];
            capReason = "ulimit -n: " + fds[1] + " file descriptors, one per connection in each JVM";
        }
        int ports = Limits.ephemeralPorts();
        if (ports > 0 && ports < cap) {
            cap = ports;
            capReason = "ephemeral ports: " + Limits.portRangeText() + " for the client's connections";
        }
        int top = settings.levels().stream().mapToInt(Integer::intValue).max().orElse(0);
        Outcome shape = new Outcome(settings.mode(), waitMillis, rounds, cpuMicros, Machine.cores(), POOL_SIZE,
            settings.warmUp().toMillis() / 1e3, settings.measure().toMillis() / 1e3, cap, top > cap ? capReason : null, List.of(),
            List.of(), settings.openMeasure().toMillis() / 1e3);
        System.out.printf("%nHTTP service: each request waits %d ms, computes %,d mixing rounds (%.0f us of CPU, measured), answers JSON.%n",
            waitMillis, rounds, cpuMicros);
        System.out.printf("Closed loop over keep-alive connections on 127.0.0.1, %s warm-up + %s measured per level. "
                + "Bounds: N / (W + C) = %s req/s per 1,000 connections; CPU ceiling cores / C = %,.0f req/s; pool ceiling %,.0f req/s.%n",
            seconds(settings.warmUp()), seconds(settings.measure()), String.format("%,.0f", shape.usersBound(1000)),
            shape.cpuCeiling(), shape.poolCeiling());
        if (top > cap) {
            System.out.printf("Capped at %,d connections by %s.%n", cap, capReason);
        }
        if (!settings.openLoad().isEmpty()) {
            System.out.printf("Then an open loop at %s of each server's pooled model's measured capacity (requests due at a fixed rate, "
                + "latency from the time each was due), %s warm-up + %s measured per rate.%n",
                settings.openLoad().stream().map(f -> String.format(java.util.Locale.ROOT, "%.0f%%", 100 * f)).toList(),
                seconds(settings.openWarmUp()), seconds(settings.openMeasure()));
        }

        List<ServerResult> results = new ArrayList<>();
        List<ServerResult> open = new ArrayList<>();
        for (Model model : Model.values()) { // pooled models first: the open loop's rates come from their capacity
            measure(model, settings, waitMillis, rounds, Math.min(top, cap), capacity(results, model.server), results, open);
        }
        return new Outcome(shape.mode(), waitMillis, rounds, cpuMicros, shape.cores(), POOL_SIZE,
            shape.warmUpSeconds(), shape.measureSeconds(), cap, shape.capReason(), results, open, shape.openMeasureSeconds());
    }

    /**
     * One server JVM, loaded at each level in turn (into {@code closed}), then, when the settings ask
     * for it, at each open-loop rate, a fraction of {@code capacity} (into {@code open}; for the pooled
     * model itself, its capacity is the one just measured).
     */
    private static void measure(Model model, Settings settings, long waitMillis, long rounds, int maxConnections, double capacity,
                                List<ServerResult> closed, List<ServerResult> open) throws IOException, InterruptedException {
        List<ServerResult> results = new ArrayList<>();
        try (Forked server = Forked.start(model, waitMillis, rounds, maxConnections);
             LoadGenerator generator = new LoadGenerator(server.port, maxConnections)) {
            List<Instant[]> levels = new ArrayList<>();
            for (int requested : settings.levels()) {
                int connections = Math.min(requested, maxConnections);
                Instant from = Instant.now();
                LoadGenerator.Window window = generator.run(connections, settings.warmUp(), settings.measure(), server.process.toHandle());
                levels.add(new Instant[] {from, Instant.now()});
                ServerResult result = result(model, requested, window, Double.NaN);
                results.add(result);
                System.out.printf(java.util.Locale.ROOT,
                    "  %-13s %,6d connections %,8.0f req/s  p50 %7.1f ms  p99 %7.1f ms  errors %d  (CPU cores: server %.2f, generator %.2f "
                        + "(its thread %.2f), others %.2f; busiest server thread %s %.2f)%n",
                    model.key, connections, result.requestsPerSecond(), result.p50Ms(), result.p99Ms(), result.errors(),
                    result.serverCores(), result.generatorCores(), result.generatorThread(), result.otherCores(),
                    result.busiestThread().name(), result.busiestThread().cores());
            }
            double base = model.pooled ? capacity(results, model.server) : capacity;
            for (double load : settings.openLoad()) {
                if (!(base > 0)) {
                    System.out.printf("  %-13s open loop skipped: the %s was not measured%n", model.key, model.baseline().label);
                    break;
                }
                LoadGenerator.Window window = generator.runOpen(load * base, maxConnections, settings.openWarmUp(), settings.openMeasure(),
                    server.process.toHandle());
                ServerResult result = result(model, maxConnections, window, load * base);
                open.add(result);
                System.out.printf(java.util.Locale.ROOT,
                    "  %-13s open loop %,6.0f req/s due (%.0f%% of %,.0f) %,8.0f answered/s  p50 %7.1f ms  p99 %7.1f ms  errors %d  "
                        + "(generator thread %.2f)%n",
                    model.key, load * base, 100 * load, base, result.requestsPerSecond(), result.p50Ms(), result.p99Ms(), result.errors(),
                    result.generatorThread());
            }
            // The JDK server's dispatcher: the share of each level it spent waiting for locks (asked once
            // the levels are done, as JFR hands the server its events about a second late).
            for (int i = 0; i < results.size(); i++) {
                Instant[] level = levels.get(i);
                long waited = server.dispatcherWaits(level[0], level[1]);
                if (waited >= 0) {
                    results.set(i, results.get(i).withDispatcherWaits(waited / (double) Duration.between(level[0], level[1]).toMillis()));
                }
            }
        }
        closed.addAll(results);
    }

    /** A row of the report: closed loop when {@code arrivalRate} is NaN, else the open loop at that rate. */
    private static ServerResult result(Model model, int requested, LoadGenerator.Window window, double arrivalRate) {
        Histogram h = window.latenciesMicros();
        return new ServerResult(model.key, requested, window.connections(), window.seconds(), window.answered(),
            ms(h, h.getValueAtPercentile(50)), ms(h, h.getValueAtPercentile(90)), ms(h, h.getValueAtPercentile(99)),
            ms(h, h.getValueAtPercentile(99.9)), ms(h, h.getMaxValue()), h.getTotalCount() == 0 ? Double.NaN : h.getMean() / 1000,
            window.errors(), window.serverCores(), window.generatorCores(), window.otherCores(), window.busiestServerThread(),
            Double.NaN, // the dispatcher's lock waits come after the levels (withDispatcherWaits)
            window.generatorThread(), arrivalRate);
    }

    /** A latency in ms; NaN when nothing was answered in the window. */
    private static double ms(Histogram h, long micros) {
        return h.getTotalCount() == 0 ? Double.NaN : micros / 1000.0;
    }

    private static String seconds(Duration duration) {
        return duration.toMillis() % 1000 == 0 ? duration.toSeconds() + " s" : duration.toMillis() / 1e3 + " s";
    }

    /**
     * C as this machine computes it: the CPU time (not wall time, so other processes do not count)
     * of one CPU part, after the JIT has compiled the loop.
     */
    static double cpuPartMicros(long rounds) {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long sink = 0;
        for (int i = 0; i < 500; i++) {
            sink += MixingLoop.mix(i, rounds);
        }
        int slices = 1_000;
        long start = threads.getCurrentThreadCpuTime();
        for (int i = 0; i < slices; i++) {
            sink += MixingLoop.mix(i, rounds);
        }
        long took = threads.getCurrentThreadCpuTime() - start;
        if (sink == 42) {
            System.out.print(""); // keeps the loop's result alive
        }
        return took / 1e3 / slices;
    }

    /** A server JVM: started, asked for its port, stopped by a line on its standard input. */
    private static final class Forked implements AutoCloseable {
        private final Process process;
        private final int port;
        private final BlockingQueue<String> lines;

        private Forked(Process process, int port, BlockingQueue<String> lines) {
            this.process = process;
            this.port = port;
            this.lines = lines;
        }

        static Forked start(Model model, long waitMillis, long rounds, int maxConnections) throws IOException, InterruptedException {
            String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            List<String> command = List.of(java, "-Xmx1g",
                // The JDK server's own settings (documented in the jdk.httpserver module): answer without Nagle's
                // delay, and keep every idle keep-alive connection (by default it closes those beyond 200).
                "-Dsun.net.httpserver.nodelay=true",
                "-Dsun.net.httpserver.maxIdleConnections=" + Math.max(200, maxConnections),
                "--sun-misc-unsafe-memory-access=allow",
                "-cp", System.getProperty("java.class.path"), ServerProcess.class.getName(),
                model.name(), Integer.toString(POOL_SIZE), Long.toString(waitMillis), Long.toString(rounds));
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            BlockingQueue<String> lines = new LinkedBlockingQueue<>();
            Thread.ofVirtual().start(() -> {
                try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                    String line;
                    while ((line = in.readLine()) != null) {
                        lines.add(line);
                    }
                } catch (IOException ignored) {
                    // the process ended
                }
            });
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            List<String> seen = new ArrayList<>();
            while (System.nanoTime() < deadline) {
                String line = lines.poll(100, TimeUnit.MILLISECONDS);
                if (line != null && line.startsWith("READY ")) {
                    return new Forked(process, Integer.parseInt(line.substring(6).trim()), lines);
                }
                if (line != null) {
                    seen.add(line);
                }
                if (line == null && !process.isAlive()) {
                    break;
                }
            }
            process.destroyForcibly().waitFor();
            throw new IOException("the " + model.key + " server did not start: " + String.join(" | ", seen));
        }

        /** The ms the JDK server's dispatcher thread waited for locks between {@code from} and {@code to}; -1 when not measured. */
        long dispatcherWaits(Instant from, Instant to) {
            try {
                OutputStream in = process.getOutputStream();
                in.write(("dispatcher-waits " + from.toEpochMilli() + " " + to.toEpochMilli() + "\n").getBytes(StandardCharsets.UTF_8));
                in.flush();
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
                while (System.nanoTime() < deadline) {
                    String line = lines.poll(100, TimeUnit.MILLISECONDS);
                    if (line != null && line.startsWith("DISPATCHER-WAITS ")) {
                        return Long.parseLong(line.substring(17).trim());
                    }
                }
            } catch (IOException | NumberFormatException e) {
                return -1;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return -1;
        }

        @Override
        public void close() {
            try (OutputStream in = process.getOutputStream()) {
                in.write("stop\n".getBytes(StandardCharsets.UTF_8));
            } catch (IOException ignored) {
                // already gone
            }
            try {
                if (!process.waitFor(30, TimeUnit.SECONDS)) {
                    System.out.println("    (the server did not stop within 30 s of close(): killed)");
                    process.destroyForcibly();
                }
            } catch (InterruptedException e) {
                process.destroyForcibly(); // interrupted (Ctrl-C): never leave a server behind
                Thread.currentThread().interrupt();
            }
        }
    }

    private static String option(String[] args, String name, String fallback) {
        for (String arg : args) {
            if (arg.startsWith("--" + name + "=")) {
                return arg.substring(name.length() + 3);
            }
        }
        return fallback;
    }

    /** What the OS allows: every connection is a file descriptor in each JVM and an ephemeral port on the client's side. */
    static final class Limits {

        /** Descriptors kept free for the JVMs' own files, sockets and jars. */
        private static final int SPARE = 256;

        private Limits() {
        }

        /** {connections the descriptors allow, the limit itself}, or {-1, -1} where the JVM cannot tell. */
        static int[] freeFileDescriptors() {
            if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.UnixOperatingSystemMXBean unix) {
                long max = unix.getMaxFileDescriptorCount();
                long open = unix.getOpenFileDescriptorCount();
                return new int[] {(int) Math.max(0, Math.min(Integer.MAX_VALUE, max - open - SPARE)), (int) Math.min(Integer.MAX_VALUE, max)};
            }
            return new int[] {-1, -1};
        }

        /** How many ephemeral ports the kernel hands out (Linux), less a share for everything else; -1 if unknown. */
        static int ephemeralPorts() {
            int[] range = portRange();
            return range == null ? -1 : Math.max(0, range[1] - range[0] + 1 - 1024);
        }

        static String portRangeText() {
            int[] range = portRange();
            return range == null ? "?" : range[0] + "-" + range[1];
        }

        private static int[] portRange() {
            try {
                // readAllLines, not readString: on some kernels readString gets one byte of a /proc/sys file
                String[] fields = Files.readAllLines(Path.of("/proc/sys/net/ipv4/ip_local_port_range")).getFirst().trim().split("\\s+");
                return new int[] {Integer.parseInt(fields[0]), Integer.parseInt(fields[1])};
            } catch (IOException | RuntimeException e) {
                return null;
            }
        }
    }
}
