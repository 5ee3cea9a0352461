package course.benchmarks.harness;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The HTTP service's section of the report: one row per model and load, the bounds it cannot
 * beat, the targets and, when one is missed, why. Written through {@link Out} so the suite's
 * {@link Report} prints it after its own tables; {@link #standalone} prints it alone.
 */
final class ServerReport {

    /** Other processes using more than this many cores during a row: its figures are marked as measured under load. */
    static final double UNDER_LOAD = 0.5;

    /** The cores (all of them) or one thread (of its one core) busy this much or more: that is the limit. */
    static final double FULL = 0.85;

    /** Where the section goes: the report's headings, lines and tables (console and report.md). */
    interface Out {
        void heading(String text);

        void line(String text);

        void table(List<String> header, List<List<String>> rows);
    }

    private ServerReport() {
    }

    static void write(ServerScenario.Outcome o, Out out) {
        out.heading(String.format(Locale.ROOT, "HTTP service under rising load: each request waits %d ms (W), computes %s (C), "
            + "answers JSON; closed loop, %s s measured after %s s of warm-up", o.waitMillis(), micros(o.cpuMicros()),
            Report.fmt(o.measureSeconds()), Report.fmt(o.warmUpSeconds())));
        out.line("Each model is compared with the other models on the same server, so the ratio within a table is one of "
            + "concurrency models, not of server designs. Ex07's servers are yours (the JDK pair and the event loop); the worker "
            + "pool and the virtual-thread verticle are the harness's twins of the event-loop server (VertxServers).");
        boolean anyUnderLoad = o.results().stream().anyMatch(ServerReport::underLoad);
        for (ServerScenario.Server server : List.of(ServerScenario.Server.VERTX, ServerScenario.Server.JDK)) {
            List<ServerResult> mine = o.results().stream().filter(r -> model(r).server == server).toList();
            if (mine.isEmpty()) {
                continue;
            }
            out.line("");
            out.line(String.format(Locale.ROOT, "On %s (vs pool: requests/s over the same server's pool's, %s, at the same connections):",
                server.label, pooled(server).label));
            List<List<String>> rows = new ArrayList<>();
            for (ServerResult r : mine) {
                rows.add(List.of(
                    model(r).label + (underLoad(r) ? " *" : ""),
                    String.format(Locale.ROOT, "%,d", r.connections()) + (r.capped() ? String.format(Locale.ROOT, " (of %,d)", r.requested()) : ""),
                    String.format(Locale.ROOT, "%,.0f", r.requestsPerSecond()),
                    vsPool(o, r),
                    String.format(Locale.ROOT, "%.0f%%", 100 * r.requestsPerSecond() / o.bound(r.connections())),
                    Report.fmt(r.p50Ms()), Report.fmt(r.p99Ms()), Report.fmt(r.p999Ms()),
                    Long.toString(r.errors()),
                    String.format(Locale.ROOT, "%.2f / %.2f / %s", r.serverCores(), r.generatorCores(), cores(r.otherCores())),
                    cores(r.generatorThread()) + (generatorFull(r) ? " (!)" : ""),
                    r.busiestThread().known() ? r.busiestThread().name() + " " + cores(r.busiestThread().cores()) : "?"));
            }
            out.table(List.of("model", "connections", "requests/s", "vs pool", "of bound", "p50 ms", "p99 ms", "p99.9 ms", "errors",
                "CPU cores: server / generator / others", "generator thread (of 1 core)", "busiest server thread (of 1 core)"), rows);
        }
        out.line("");
        out.line(String.format(Locale.ROOT, "Bounds (the chart's red lines): N users get at most N / (W + C) = N / %s ms requests/s, "
                + "and no answer comes before W + C = %s ms. The CPU ceiling, measured: C = %s of CPU per request, so %d cores compute "
                + "at most cores / C = %,.0f requests/s whatever the model; past it the latency is at least N / ceiling (Little's law). "
                + "The pools' own ceiling: %d threads, each held W + C, serve at most %,.0f requests/s.",
            Report.fmt(o.serviceMs()), Report.fmt(o.serviceMs()), micros(o.cpuMicros()), o.cores(), o.cpuCeiling(),
            o.poolSize(), o.poolCeiling()));
        if (o.capReason() != null) {
            out.line("");
            out.line(String.format(Locale.ROOT, "Connections capped at %,d by %s.", o.cap(), o.capReason()));
        }
        out.line("");
        out.line("The generator is a closed loop: N users, each sending its next request when its answer arrives, on one Vert.x "
            + "event loop in the suite's JVM; the server runs in a JVM of its own. A closed loop suffers coordinated omission "
            + "(a stall is recorded once per user, while the fast periods are sampled many times), and without a target rate no "
            + "correction is possible: its tails are understated, which the open loop below is for. Both JVMs share the machine's "
            + "cores: the CPU column says how many each used. The generator thread column is the generator's one event loop "
            + String.format(Locale.ROOT, "thread; at %.2f of a core or more (!) the generator, not the server, is the limit of that row. ", FULL)
            + "The last column is the server's thread that used the most CPU (its name as Linux keeps it, 15 characters; ? elsewhere): "
            + "a thread runs on one core at a time, so at 1.00 it is a limit of its own.");
        List<String> generatorBound = o.results().stream().filter(ServerReport::generatorFull)
            .map(r -> String.format(Locale.ROOT, "%s at %,d connections (%.2f)", r.model(), r.connections(), r.generatorThread())).toList();
        if (!generatorBound.isEmpty()) {
            out.line("");
            out.line("The generator was the limit (its thread at a full core) in: " + String.join(", ", generatorBound)
                + ". Those rows measured the generator as much as the server.");
        }
        if (anyUnderLoad) {
            out.line("");
            out.line(String.format(Locale.ROOT, "* measured while other processes used more than %.1f cores: those figures are lower "
                + "(throughput) and higher (latency) than this machine gives when quiet.", UNDER_LOAD));
        }
        if (o.open().isEmpty()) {
            out.line("");
            out.line("Open loop (requests at fixed rates, latency from each request's due time): full mode only "
                + "(-Dbench.mode=full), as each rate needs a warm-up and a window of its own.");
        }
        targets(o, out);
        if (!o.open().isEmpty()) {
            openLoop(o, out);
        }
    }

    private static ServerScenario.Model model(ServerResult r) {
        return ServerScenario.Model.byKey(r.model());
    }

    private static ServerScenario.Model pooled(ServerScenario.Server server) {
        for (ServerScenario.Model model : ServerScenario.Model.values()) {
            if (model.server == server && model.pooled) {
                return model;
            }
        }
        throw new IllegalStateException("no pooled model on " + server);
    }

    /** Requests/s over the same server's pooled model's at the same connections; "1 (baseline)" for that model itself. */
    private static String vsPool(ServerScenario.Outcome o, ServerResult r) {
        if (model(r).pooled) {
            return "baseline";
        }
        return find(o, model(r).baseline().key, r.connections())
            .map(pool -> Report.ratio(r.requestsPerSecond() / pool.requestsPerSecond())).orElse("?");
    }

    /** The open loop: the same rates for every model of a server, latency from each request's due time. */
    private static void openLoop(ServerScenario.Outcome o, Out out) {
        out.heading(String.format(Locale.ROOT, "HTTP service at fixed arrival rates (open loop): latency from each request's due "
            + "time, %s s measured per rate", Report.fmt(o.openMeasureSeconds())));
        for (ServerScenario.Server server : List.of(ServerScenario.Server.VERTX, ServerScenario.Server.JDK)) {
            List<ServerResult> mine = o.open().stream().filter(r -> model(r).server == server).toList();
            if (mine.isEmpty()) {
                continue;
            }
            double capacity = o.poolCapacity(server);
            out.line(String.format(Locale.ROOT, "On %s; the rates are fractions of its pool's capacity (%s: the most requests/s it "
                + "served closed-loop, %,.0f); p99 vs pool: over the pool's p99 at the same rate:", server.label, pooled(server).label, capacity));
            List<List<String>> rows = new ArrayList<>();
            for (ServerResult r : mine) {
                Optional<ServerResult> pool = o.open().stream()
                    .filter(p -> p.model().equals(model(r).baseline().key) && Math.abs(p.arrivalRate() - r.arrivalRate()) < 0.5).findFirst();
                rows.add(List.of(
                    model(r).label + (underLoad(r) ? " *" : ""),
                    String.format(Locale.ROOT, "%,.0f (%.0f%%)", r.arrivalRate(), 100 * r.arrivalRate() / capacity),
                    String.format(Locale.ROOT, "%,.0f", r.requestsPerSecond()),
                    Report.fmt(r.p50Ms()), Report.fmt(r.p99Ms()), Report.fmt(r.p999Ms()), Report.fmt(r.maxMs()),
                    model(r).pooled ? "baseline" : pool.map(p -> Report.ratio(r.p99Ms() / p.p99Ms())).orElse("?"),
                    Long.toString(r.errors()),
                    String.format(Locale.ROOT, "%.2f / %.2f / %s", r.serverCores(), r.generatorCores(), cores(r.otherCores())),
                    cores(r.generatorThread()) + (generatorFull(r) ? " (!)" : ""),
                    r.busiestThread().known() ? r.busiestThread().name() + " " + cores(r.busiestThread().cores()) : "?"));
            }
            out.table(List.of("model", "due requests/s (of capacity)", "answered/s", "p50 ms", "p99 ms", "p99.9 ms", "max ms",
                "p99 vs pool", "errors", "CPU cores: server / generator / others", "generator thread (of 1 core)",
                "busiest server thread (of 1 core)"), rows);
            out.line("");
        }
        out.line(String.format(Locale.ROOT, "Each request is due at a fixed interval and sent when due, whatever happened to the "
            + "ones before; its latency runs from when it was due, not from when it went out (the intended send time, as wrk2 measures it, "
            + "which leaves nothing for HdrHistogram's expected-interval correction to fill in), so a stall counts for every request that should have gone out during it, and p99 "
            + "is the tail at that load, not throughput restated by Little's law. Requests with no free connection (up to the most "
            + "connections of the closed loop) wait in the generator's queue, and that wait counts too. A generator thread at "
            + "%.2f of a core or more (!) means the schedule, not only the server, ran late.", FULL));
        List<String> generatorBound = o.open().stream().filter(ServerReport::generatorFull)
            .map(r -> String.format(Locale.ROOT, "%s at %,.0f requests/s (%.2f)", r.model(), r.arrivalRate(), r.generatorThread())).toList();
        if (!generatorBound.isEmpty()) {
            out.line("");
            out.line("The generator was the limit (its thread at a full core) in: " + String.join(", ", generatorBound) + ".");
        }
    }

    private static void targets(ServerScenario.Outcome o, Out out) {
        out.heading("HTTP service targets (met on a quiet machine; measured here, never asserted)");
        List<List<String>> rows = new ArrayList<>();
        List<String> why = new ArrayList<>();
        List<ServerScenario.Model> light = java.util.Arrays.stream(ServerScenario.Model.values()).filter(m -> !m.pooled).toList();
        for (int connections : List.of(1_000, 2_000)) {
            for (ServerScenario.Model model : light) {
                Optional<ServerResult> pool = find(o, model.baseline().key, connections);
                Optional<ServerResult> mine = find(o, model.key, connections);
                if (pool.isEmpty() || mine.isEmpty()) {
                    continue;
                }
                double ratio = mine.get().requestsPerSecond() / pool.get().requestsPerSecond();
                String verdict = ratio >= 3 ? "yes" : "no: " + whyShort(o, mine.get());
                rows.add(List.of(String.format(Locale.ROOT, "%s >= 3x the %s's requests/s at %,d connections (same server)", model.key,
                        model.baseline().key, connections),
                    // two decimals: 2.97x must not read as a "3.0x" that missed
                    String.format(Locale.ROOT, "%.2fx (%,.0f vs %,.0f)", ratio, mine.get().requestsPerSecond(), pool.get().requestsPerSecond()),
                    verdict));
                if (ratio < 3) {
                    why.add(whyLong(o, mine.get()));
                }
            }
        }
        for (ServerScenario.Model poolModel : java.util.Arrays.stream(ServerScenario.Model.values()).filter(m -> m.pooled).toList()) {
            Optional<ServerResult> poolLow = find(o, poolModel.key, 100);
            Optional<ServerResult> poolHigh = o.results().stream().filter(r -> r.model().equals(poolModel.key))
                .max((a, b) -> Integer.compare(a.connections(), b.connections()));
            if (poolLow.isPresent() && poolHigh.isPresent() && poolHigh.get().connections() > o.poolSize()) {
                ServerResult high = poolHigh.get();
                double queued = Math.max(o.serviceMs(), high.connections() / o.poolCeiling() * 1000);
                rows.add(List.of(String.format(Locale.ROOT, "%s p99 grows with the queue (%,d connections: about N / pool ceiling = %s ms)",
                        poolModel.key, high.connections(), Report.fmt(queued)),
                    String.format(Locale.ROOT, "%s ms at %,d vs %s ms at 100", Report.fmt(high.p99Ms()), high.connections(), Report.fmt(poolLow.get().p99Ms())),
                    Double.isNaN(high.p99Ms()) || Double.isNaN(poolLow.get().p99Ms()) ? "? (no answers)"
                        : high.p99Ms() > 2 * poolLow.get().p99Ms() ? "yes" : "no"));
            }
        }
        for (ServerScenario.Model model : light) {
            for (ServerResult r : o.results()) {
                if (!r.model().equals(model.key) || r.connections() < 1_000) {
                    continue;
                }
                boolean cpuBound = o.usersBound(r.connections()) > o.cpuCeiling();
                double limit = 1.5 * o.latencyFloorMs(r.connections());
                rows.add(List.of(String.format(Locale.ROOT, "%s p99 near W at %,d connections (<= 1.5 x %s ms%s)", model.key, r.connections(),
                        Report.fmt(o.latencyFloorMs(r.connections())), cpuBound ? ", the CPU ceiling's latency" : ", W + C"),
                    Report.fmt(r.p99Ms()) + " ms", r.p99Ms() <= limit ? "yes" : "no: " + whyShort(o, r)));
                if (r.p99Ms() > limit) {
                    why.add(whyLong(o, r)); // the "see below" of whyShort: every missed row has its reason below the table
                }
            }
        }
        out.table(List.of("target", "measured", "met?"), rows);
        boolean cpuBoundAnywhere = o.results().stream().anyMatch(r -> o.usersBound(r.connections()) > o.cpuCeiling());
        if (cpuBoundAnywhere) {
            out.line("");
            out.line(String.format(Locale.ROOT, "Where N / (W + C) is above the CPU ceiling (%,.0f requests/s here), the cores, not the "
                + "model, are the limit: no model's throughput goes past it, and latency grows as N / throughput. The 3x target needs "
                + "%,.0f requests/s, i.e. %.2f cores of CPU parts alone, plus the HTTP work of the server and of the generator on the same cores.",
                o.cpuCeiling(), 3 * o.poolCeiling(), 3 * o.poolCeiling() * o.cpuMicros() / 1e6));
        }
        for (String reason : why.stream().distinct().toList()) {
            out.line("");
            out.line(reason);
        }
    }

    static String whyShort(ServerScenario.Outcome o, ServerResult r) {
        double busy = r.serverCores() + r.generatorCores() + (Double.isNaN(r.otherCores()) ? 0 : r.otherCores());
        if (r.errors() > 0) {
            return r.errors() + " errors";
        }
        if (generatorFull(r)) {
            return String.format(Locale.ROOT, "the generator was the limit (its one thread %.2f of a core; see below)", r.generatorThread());
        }
        if (busy >= FULL * o.cores()) {
            return underLoad(r) ? "the cores were full, other processes included (see below)" : "the cores were full (see below)";
        }
        if (oneThreadFull(r) && jit(r.busiestThread().name())) {
            return "still compiling (JIT thread busy; see below)";
        }
        if (oneThreadFull(r)) {
            return String.format(Locale.ROOT, "one server thread was full (%s, %.2f of a core; see below)", r.busiestThread().name(),
                r.busiestThread().cores());
        }
        return String.format(Locale.ROOT, "%.0f%% of its bound", 100 * r.requestsPerSecond() / o.bound(r.connections()));
    }

    static String whyLong(ServerScenario.Outcome o, ServerResult r) {
        double busy = r.serverCores() + r.generatorCores() + (Double.isNaN(r.otherCores()) ? 0 : r.otherCores());
        double slices = r.requestsPerSecond() * o.cpuMicros() / 1e6;
        BusiestThread thread = r.busiestThread();
        String verdict;
        if (busy >= FULL * o.cores()) {
            verdict = ": no core was left to serve more";
        } else if (oneThreadFull(r) && jit(thread.name())) {
            verdict = String.format(Locale.ROOT, ": not CPU-bound, but the JIT compiler's thread (%s) was busy %.2f of a core: the server's "
                + "code was still being compiled, so this level measured part of its warm-up", thread.name(), thread.cores());
        } else if (oneThreadFull(r)) {
            verdict = String.format(Locale.ROOT, ": not CPU-bound, but one server thread (%s%s) was busy %.2f of a core; a thread runs on "
                + "one core at a time, so it is the limit%s", thread.name(), role(thread.name()), thread.cores(),
                thread.name().equals("HTTP-Dispatcher") ? ", not the cores or the executor that runs the requests" : ", not the cores");
        } else if (thread.known() && r.dispatcherWaits() >= DISPATCHER_WAITS) {
            verdict = String.format(Locale.ROOT, ": not CPU-bound, and no server thread was near a full core (the busiest, %s, used %.2f)%s",
                thread.name(), thread.cores(), r.errors() > 0 ? String.format(Locale.ROOT, "; %,d requests failed", r.errors()) : "");
        } else if (thread.known()) {
            verdict = String.format(Locale.ROOT, ": not CPU-bound, and no server thread was near a full core (the busiest, %s, used %.2f)%s; "
                + "what held it back is not measured here", thread.name(), thread.cores(),
                r.errors() > 0 ? String.format(Locale.ROOT, "; %,d requests failed", r.errors()) : "");
        } else {
            verdict = ": not CPU-bound; the CPU of each server thread is measured on Linux only, so what held it back is not measured here";
        }
        String dispatcher = r.dispatcherWaits() >= DISPATCHER_WAITS ? String.format(Locale.ROOT, " The JDK server's one dispatcher thread, "
            + "which hands each connection with a request ready to the executor, %sspent %.0f%% of this level waiting for a lock (JFR's monitor-enter events): "
            + "while it waits, no connection's next request is read.", busy >= FULL * o.cores() ? "also " : "", 100 * r.dispatcherWaits()) : "";
        String generator = generatorFull(r) ? String.format(Locale.ROOT, " The generator was the limit too: its one event loop thread, "
            + "which sends every request and reads every answer, used %.2f of a core (a thread runs on one core at a time), so it "
            + "could not load the server harder; this level measured the generator as much as the server.", r.generatorThread()) : "";
        return String.format(Locale.ROOT, "Why %s at %,d connections served %,.0f requests/s: the machine's %d cores were %.0f%% busy "
                + "(server %.2f, of which the CPU parts %.2f; generator %.2f, its event loop thread %s of a core; other processes %s)%s.%s%s",
            r.model(), r.connections(), r.requestsPerSecond(), o.cores(), 100 * busy / o.cores(), r.serverCores(), slices,
            r.generatorCores(), cores(r.generatorThread()), cores(r.otherCores()), verdict, dispatcher, generator);
    }

    /**
     * From this share of a level spent waiting for a lock, the JDK server's dispatcher is named as what
     * held it back: a tenth of the time with no request read off any connection is a cause, not noise.
     */
    static final double DISPATCHER_WAITS = 0.10;

    /** The generator's one event loop thread used {@link #FULL} of a core or more: the generator, not only the server, was the limit. */
    static boolean generatorFull(ServerResult r) {
        return !Double.isNaN(r.generatorThread()) && r.generatorThread() >= FULL;
    }

    /** One server thread used {@link #FULL} of a core or more. */
    static boolean oneThreadFull(ServerResult r) {
        return r.busiestThread().known() && r.busiestThread().cores() >= FULL;
    }

    /** HotSpot's compiler threads: "C1 CompilerThread0", "C2 CompilerThread1" (first 15 characters on Linux). */
    private static boolean jit(String thread) {
        return thread.startsWith("C1 CompilerThre") || thread.startsWith("C2 CompilerThre");
    }

    /** What the threads the servers are known to have do (Linux keeps a thread's first 15 characters). */
    private static String role(String thread) {
        if (thread.equals("HTTP-Dispatcher")) {
            return ", the JDK server's one dispatcher: every request passes through it";
        }
        if (thread.startsWith("vert.x-eventloo")) {
            return ", a Vert.x event loop: it does the network I/O of every connection it serves (in the event-loop model, the handlers too)";
        }
        if (thread.startsWith(VertxServers.WORKER_POOL)) {
            return ", one of the worker pool's threads";
        }
        return "";
    }

    static Optional<ServerResult> find(ServerScenario.Outcome o, String model, int connections) {
        return o.results().stream().filter(r -> r.model().equals(model) && r.connections() == connections).findFirst();
    }

    static boolean underLoad(ServerResult r) {
        return !Double.isNaN(r.otherCores()) && r.otherCores() > UNDER_LOAD;
    }

    private static String micros(double micros) {
        return micros >= 1000 ? Report.fmt(micros / 1000) + " ms" : Report.fmt(micros) + " us";
    }

    private static String cores(double value) {
        return Double.isNaN(value) ? "?" : String.format(Locale.ROOT, "%.2f", value);
    }

    /** results.json's "servers": every figure, the bounds at each level, the open loop's rows, and the settings. */
    static JsonObject json(ServerScenario.Outcome o) {
        JsonArray results = new JsonArray();
        for (ServerResult r : o.results()) {
            results.add(json(o, r)
                .put("boundRequestsPerSecond", o.bound(r.connections())).put("latencyFloorMs", o.latencyFloorMs(r.connections())));
        }
        JsonArray open = new JsonArray();
        for (ServerResult r : o.open()) {
            open.add(json(o, r).put("arrivalRatePerSecond", r.arrivalRate())
                .put("ofPoolCapacity", r.arrivalRate() / o.poolCapacity(model(r).server)));
        }
        return new JsonObject()
            .put("mode", o.mode()).put("waitMs", o.waitMillis()).put("cpuRounds", o.cpuRounds()).put("cpuMicros", o.cpuMicros())
            .put("serviceMs", o.serviceMs()).put("cores", o.cores()).put("poolSize", o.poolSize())
            .put("cpuCeilingRequestsPerSecond", o.cpuCeiling()).put("poolCeilingRequestsPerSecond", o.poolCeiling())
            .put("warmUpSeconds", o.warmUpSeconds()).put("measureSeconds", o.measureSeconds())
            .put("connectionCap", o.cap() == Integer.MAX_VALUE ? null : o.cap()).put("cappedBy", o.capReason())
            .put("generator", "closed loop, Vert.x HttpClient on one event loop, keep-alive pool sized to the connections; HdrHistogram")
            .put("results", results)
            .put("openLoop", new JsonObject()
                .put("ran", !o.open().isEmpty())
                .put("method", "requests due at a fixed rate, sent when due; latency from each request's due time; "
                    + "rates are fractions of the same server's pooled model's closed-loop capacity; full mode only")
                .put("measureSeconds", o.openMeasureSeconds())
                .put("poolCapacityRequestsPerSecond", new JsonObject()
                    .put("jdk", nullIfNaN(o.poolCapacity(ServerScenario.Server.JDK)))
                    .put("vertx", nullIfNaN(o.poolCapacity(ServerScenario.Server.VERTX))))
                .put("results", open));
    }

    private static JsonObject json(ServerScenario.Outcome o, ServerResult r) {
        return new JsonObject()
            .put("model", r.model()).put("label", model(r).label).put("server", model(r).server.name().toLowerCase(Locale.ROOT))
            .put("connectionsRequested", r.requested()).put("connections", r.connections())
            .put("seconds", r.seconds()).put("requests", r.requests()).put("requestsPerSecond", r.requestsPerSecond())
            .put("p50Ms", r.p50Ms()).put("p90Ms", r.p90Ms()).put("p99Ms", r.p99Ms()).put("p999Ms", r.p999Ms())
            .put("maxMs", r.maxMs()).put("meanMs", r.meanMs()).put("errors", r.errors())
            .put("serverCores", r.serverCores()).put("generatorCores", r.generatorCores())
            .put("generatorThreadCores", nullIfNaN(r.generatorThread())).put("generatorLimited", generatorFull(r))
            .put("otherCores", nullIfNaN(r.otherCores())).put("underLoad", underLoad(r))
            .put("busiestThread", new JsonObject().put("name", r.busiestThread().name())
                .put("cores", r.busiestThread().known() ? r.busiestThread().cores() : null))
            .put("dispatcherLockWaitShare", nullIfNaN(r.dispatcherWaits()));
    }

    private static Double nullIfNaN(double value) {
        return Double.isNaN(value) ? null : value;
    }

    // ---------------------------------------------------------------- standalone (ServerScenario's own main)

    private final List<String> markdown = new ArrayList<>();
    private final StringBuilder console = new StringBuilder();

    static ServerReport standalone(ServerScenario.Outcome o) {
        ServerReport report = new ServerReport();
        report.markdown.add("# The HTTP service on this machine");
        report.markdown.add("");
        report.markdown.add("- Machine: " + Machine.cores() + " cores, " + Machine.cpuModel() + ", " + Machine.jdk());
        write(o, new Out() {
            @Override
            public void heading(String text) {
                report.markdown.add("");
                report.markdown.add("## " + text);
                report.markdown.add("");
                report.console.append('\n').append(text).append('\n');
            }

            @Override
            public void line(String text) {
                report.markdown.add(text);
                report.console.append(text).append('\n');
            }

            @Override
            public void table(List<String> header, List<List<String>> rows) {
                report.markdown.add("| " + String.join(" | ", header) + " |");
                report.markdown.add("|" + "---|".repeat(header.size()));
                rows.forEach(row -> report.markdown.add("| " + String.join(" | ", row) + " |"));
                int[] widths = new int[header.size()];
                List<List<String>> all = new ArrayList<>();
                all.add(header);
                all.addAll(rows);
                all.forEach(row -> {
                    for (int i = 0; i < row.size(); i++) {
                        widths[i] = Math.max(widths[i], row.get(i).length());
                    }
                });
                all.forEach(row -> {
                    StringBuilder text = new StringBuilder("  ");
                    for (int i = 0; i < row.size(); i++) {
                        String cell = row.get(i);
                        String pad = " ".repeat(widths[i] - cell.length());
                        text.append(i == 0 ? cell + pad : pad + cell).append("  ");
                    }
                    report.console.append(text.toString().stripTrailing()).append('\n');
                });
            }
        });
        report.markdown.add("");
        report.markdown.add("![chart](http-chart.svg)");
        return report;
    }

    String console() {
        return console.toString();
    }

    String markdown() {
        return String.join("\n", markdown) + "\n";
    }
}
