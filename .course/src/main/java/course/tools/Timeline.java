package course.tools;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordedThread;
import jdk.jfr.consumer.RecordingFile;

/**
 * {@code timeline [module] ExNN}: runs one exercise's tests on the learner's code as it stands
 * (the fast engine's test JVM, TestJvm) with a JFR recording (TimelineRecording, started by the
 * runner), reads it back with {@code jdk.jfr.consumer} and writes a page with a lane per thread
 * (TimelinePage) to {@code target/course/timeline/<module>-<ExNN>.html}, with one line that says
 * what the picture shows. Green or red, the tests run to the end; only a JVM killed at the time
 * limit leaves no recording.
 */
final class Timeline {

    /** The time limit of the recorded run: the exercises' tests have their own, well under it. */
    static final Duration LIMIT = Duration.ofSeconds(180);
    /** Execution samples: one per thread every this often (TimelineRecording asks for it). */
    static final Duration SAMPLE_PERIOD = Duration.ofMillis(10);

    private final Path root;
    /** With --test NAME: the page shows the time of the tests whose name contains NAME (all of them still run). */
    private String onlyTest = "";
    /** Set by watch: its own prompt says what to do next. */
    boolean inWatch;

    Timeline(Path root) {
        this.root = root;
    }

    int run(List<String> rawArgs) throws Exception {
        // --reference: the reference code (solutions/); --wrong SLUG: a wrong answer of the corpus, in place
        // of the exercise's class; --yours: the learner's code. Two or more: one SVG of them all, for
        // instructors and for the pictures the READMEs show.
        Args parsed = Args.parse(rawArgs, java.util.Set.of("--wrong", "--test"), java.util.Set.of("--yours", "--reference"));
        List<String> args = new ArrayList<>(parsed.positionals());
        List<String> codes = new ArrayList<>();
        for (Args.Option o : parsed.options()) {
            switch (o.name()) {
                case "--yours" -> codes.add("");
                case "--reference" -> codes.add("reference");
                case "--wrong" -> codes.add("wrong:" + o.value());
                default -> onlyTest = o.value();
            }
        }
        if (args.stream().noneMatch(a -> a.matches("(?i).*\\bex\\d\\d.*")) && args.isEmpty()
                && Files.exists(root.resolve("target/course/current"))) {
            // No exercise named: the one progress or watch last pointed at ("module exercise").
            args.addAll(List.of(Files.readString(root.resolve("target/course/current")).strip().split("\\s+")));
        }
        Exercises.Selection sel = Exercises.select(root, args, System.getProperty("course.modules", ""),
                new Progress(root).whereYouAre().orElse(null));
        if (sel.exercise() == null) {
            throw new ToolException("name the exercise, e.g. timeline module-01 Ex04 (without one it draws the exercise progress or watch last showed)");
        }
        Exercises.Exercise e = sel.exercise();
        Map<String, ModuleSetup> setups = ModuleSetup.of(root, sel.modules(), System.out);
        ModuleSetup setup = setups.get(e.module());
        if (codes.isEmpty()) {
            record(setup, e, "", System.out);
            return 0;
        }
        List<Drawn> drawn = new ArrayList<>();
        for (String code : codes) {
            Drawn d = record(setup, e, code, System.out);
            if (d == null) return 0;
            drawn.add(code.isEmpty() ? new Drawn(d.title() + " (your code as it stands)", d.data()) : d);
        }
        if (drawn.size() > 1) {
            // Side by side (one above the other): one SVG file, for a README.
            Path svg = root.resolve("target/course/timeline").resolve(Exercises.shortModule(e.module()) + "-" + e.id() + "-"
                    + String.join("-vs-", codes.stream().map(c -> c.isEmpty() ? "yours" : c.replace("wrong:", "")).toList()) + ".svg");
            Files.writeString(svg, TimelinePage.standalone(drawn));
            System.out.println("  side by side: " + root.relativize(svg));
        }
        return 0;
    }

    /** One recorded run, drawn: its title and data. */
    record Drawn(String title, Data data) {}

    /** As {@link #record(ModuleSetup, Exercises.Exercise, String, PrintStream)} on the learner's code. */
    void record(ModuleSetup setup, Exercises.Exercise e, PrintStream say) throws Exception {
        record(setup, e, "", say);
    }

    /**
     * Records {@code e}'s tests on the learner's code ({@code code} empty), the reference code
     * ("reference") or a wrong answer ("wrong:SLUG"), writes the page; prints its path, what it shows
     * and what to do next. Null when nothing could be recorded (said why).
     */
    Drawn record(ModuleSetup setup, Exercises.Exercise e, String code, PrintStream say) throws Exception {
        long t0 = System.nanoTime();
        String again = "./mvnw -q -Dcourse=\"timeline " + Exercises.shortModule(e.module()) + " " + e.id() + "\"";
        Build build = new Build(root, setup);
        Build.Classes main = build.main(code.isEmpty() ? ModuleSetup.Tree.LEARNER : ModuleSetup.Tree.SOLUTIONS);
        Build.Classes tests = main.ok() ? build.tests(main, code.isEmpty() ? ModuleSetup.Tree.LEARNER : ModuleSetup.Tree.SOLUTIONS) : main;
        List<Path> mainDirs = List.of(main.dir());
        if (tests.ok() && code.startsWith("wrong:")) {
            String slug = code.substring(6);
            Path diff = root.resolve("solutions/wrong").resolve(e.module()).resolve(e.name()).resolve(slug.endsWith(".diff") ? slug : slug + ".diff");
            if (!Files.exists(diff)) throw new ToolException("no wrong answer " + root.relativize(diff));
            Path work = setup.dir().resolve("target/course/timeline-wrong").resolve(e.name()).resolve(slug.replace(".diff", ""));
            Path reference = root.resolve("solutions").resolve(e.module()).resolve("src/main/java")
                    .resolve(Manifest.read(root, e.module()).entry(e.name()).path() + ".java");
            Path file = Patch.apply(reference, diff, work.resolve(e.name() + ".java"));
            Build.Classes variant = build.variant(main, e.name(), file, work);
            if (!variant.ok()) throw new ToolException(root.relativize(file) + " does not compile");
            mainDirs = List.of(variant.dir(), work.getParent().resolve("main-without"));
        }
        if (!tests.ok()) {
            say.println("timeline: " + e.module() + " does not compile, so its tests cannot run: " + tests.errors().getFirst().describe(root));
            say.println("next: fix it, then " + again);
            return null;
        }
        Path dir = root.resolve("target/course/timeline");
        Files.createDirectories(dir);
        // One fixed recording path: the JVM arguments stay the same from run to run (the AOT cache is keyed by them).
        Path jfr = dir.resolve("last.jfr");
        Files.deleteIfExists(jfr);
        String which = code.isEmpty() ? "" : code.equals("reference") ? " (the reference code)" : " (the wrong answer " + code.substring(6) + ")";
        say.println("  recording " + e.name() + " of " + e.module() + which + " ...");
        ModuleSetup recorded = setup.withJvmArgs(List.of("-Dcourse.timeline=" + jfr));
        TestJvm.Started jvm = TestJvm.start(root, recorded, mainDirs, tests.dir(),
                root.resolve("target/course/logs").resolve(setup.module() + "-timeline.log"));
        TestJvm.Outcome outcome = jvm.run(List.of(e.testClass()), null, LIMIT);
        if (!Files.exists(jfr)) {
            say.println("timeline: no recording: " + (outcome.ended().isEmpty() ? "the test JVM wrote none" : outcome.ended())
                    + " (its output: " + root.relativize(outcome.log()) + ")");
            say.println("next: ./mvnw -q -Dcourse=\"progress " + Exercises.shortModule(e.module()) + " " + e.id() + "\" shows what the tests say");
            return null;
        }
        String base = Exercises.shortModule(e.module()) + "-" + e.id() + (code.isEmpty() ? "" : "-" + code.replace("wrong:", "").replace(".java", ""));
        Files.move(jfr, dir.resolve(base + ".jfr"), StandardCopyOption.REPLACE_EXISTING);
        Data data = read(dir.resolve(base + ".jfr"), onlyTest);
        String title = e.module() + " · " + e.name() + which;
        Path page = dir.resolve(base + ".html");
        Files.writeString(page, TimelinePage.html(title, data));
        long passed = outcome.results().stream().filter(r -> r.status() == TestResults.Status.PASSED).count();
        say.printf("%s: %d/%d tests passing, recorded in %.1f s%n", title, passed, outcome.results().size(), (System.nanoTime() - t0) / 1e9);
        say.println("  " + data.headline());
        say.println("  page: " + root.relativize(page) + "   (open it in a browser: file://" + page.toUri().getPath() + ")");
        if (!inWatch) say.println("next: read the lanes, change your code, and run " + again + " again");
        return new Drawn(title, data);
    }

    // ---- the model: threads, their spans, the tests

    /** What a thread was doing. The order is the drawing order (later on top). */
    enum Kind {
        TASK("running a task (a worker's executeBlocking, a scheduler's job)"),
        RUNNING("running (execution samples, every 10 ms)"),
        PARKED("parked or waiting (LockSupport.park, Object.wait, a future's get, a queue)"),
        SLEEPING("sleeping (Thread.sleep)"),
        BLOCKED("blocked entering a monitor (synchronized)"),
        PINNED("virtual thread pinned to its carrier");

        final String legend;

        Kind(String legend) {
            this.legend = legend;
        }
    }

    /** The lane groups, in page order. */
    enum Group {
        TESTS("test runner"),
        EVENT_LOOPS("event loops"),
        WORKERS("workers and schedulers (executeBlocking, Rx)"),
        PLATFORM("other platform threads"),
        CARRIERS("carrier threads of virtual threads (ForkJoinPool workers: blue while they run virtual threads)"),
        VIRTUAL("virtual threads (JFR does not record which carrier a virtual thread was mounted on, so each has a lane of its own)");

        final String label;

        Group(String label) {
            this.label = label;
        }
    }

    record Span(Kind kind, long start, long end, String detail) {
        long length() {
            return end - start;
        }
    }

    record Test(String testClass, String name, String status, long start, long end) {}

    static final class Lane {
        final long id;
        final String name;
        final boolean virtual;
        final List<Span> spans = new ArrayList<>();
        long born = Long.MIN_VALUE;
        long died = Long.MAX_VALUE;
        Group group;
        /** Set when another thread of the recording has the same name (each test starts its own Vertx). */
        boolean sameNameAsAnother;

        String label() {
            return sameNameAsAnother ? name + " #" + id : name;
        }

        Lane(long id, String name, boolean virtual) {
            this.id = id;
            this.name = name;
            this.virtual = virtual;
        }

        Group group() {
            return group != null ? group : groupOf(name, virtual);
        }

        long firstActivity() {
            return spans.stream().mapToLong(Span::start).min().orElse(Long.MAX_VALUE);
        }

        long busy() {
            return spans.stream().filter(s -> s.kind() != Kind.PARKED).mapToLong(Span::length).sum();
        }
    }

    static Group groupOf(String name, boolean virtual) {
        if (virtual) return Group.VIRTUAL;
        // JUnit runs a test with a timeout of SEPARATE_THREAD on a junit-timeout-thread.
        if (name.equals("main") || name.startsWith("junit-")) return Group.TESTS;
        if (name.startsWith("vert.x-eventloop-thread")) return Group.EVENT_LOOPS;
        if (isWorker(name)) return Group.WORKERS;
        return Group.PLATFORM;
    }

    static boolean isWorker(String name) {
        return name.startsWith("vert.x-worker-thread") || name.startsWith("vert.x-internal-blocking")
                || name.startsWith("RxComputationThreadPool") || name.startsWith("RxCachedThreadScheduler")
                || name.startsWith("RxSingleScheduler") || name.startsWith("RxNewThreadScheduler");
    }

    /** Threads of the JVM and of the tools, not of the code under test: never drawn. */
    static boolean hidden(String name) {
        return name.startsWith("JFR ") || name.startsWith("C1 ") || name.startsWith("C2 ")
                || List.of("Reference Handler", "Finalizer", "Signal Dispatcher", "Common-Cleaner", "Notification Thread",
                        "Attach Listener", "Service Thread", "process reaper", "JFR Periodic Tasks", "Monitor Deflation Thread").contains(name);
    }

    /** A recording, read: the lanes (in the window), the tests, and the window [start, end] in epoch nanoseconds. */
    record Data(List<Lane> lanes, List<Test> tests, long start, long end, int virtualThreads) {

        /** One line that says what the picture shows, from the data. */
        String headline() {
            return Headline.of(this);
        }
    }

    /** Reads a recording made by TimelineRecording. */
    static Data read(Path jfr) throws IOException {
        return read(jfr, "");
    }

    /** As above, the window cut to the tests whose name contains {@code onlyTest} (all of them when empty or none matches). */
    static Data read(Path jfr, String onlyTest) throws IOException {
        Map<Long, Lane> lanes = new LinkedHashMap<>();
        List<Test> tests = new ArrayList<>();
        Map<Long, List<Long>> samples = new HashMap<>();
        Map<Long, List<Span>> idle = new HashMap<>();
        long first = Long.MAX_VALUE, last = Long.MIN_VALUE;
        try (RecordingFile file = new RecordingFile(jfr)) {
            while (file.hasMoreEvents()) {
                RecordedEvent ev = file.readEvent();
                long start = nanos(ev.getStartTime());
                long end = nanos(ev.getEndTime());
                first = Math.min(first, start);
                last = Math.max(last, end);
                String type = ev.getEventType().getName();
                if (type.equals("course.TestMethod")) {
                    tests.add(new Test(ev.getString("testClass"), ev.getString("test"), ev.getString("status"), start, end));
                    continue;
                }
                RecordedThread t = type.equals("jdk.ExecutionSample") ? ev.getThread("sampledThread") : ev.getThread();
                if (t == null) continue;
                Lane lane = lanes.computeIfAbsent(t.getJavaThreadId(), id -> new Lane(id, nameOf(t), t.isVirtual()));
                switch (type) {
                    case "jdk.ExecutionSample" -> samples.computeIfAbsent(lane.id, k -> new ArrayList<>()).add(start);
                    case "jdk.ThreadStart", "jdk.VirtualThreadStart" -> lane.born = start;
                    case "jdk.ThreadEnd", "jdk.VirtualThreadEnd" -> lane.died = start;
                    case "jdk.ThreadSleep" -> lane.spans.add(new Span(Kind.SLEEPING, start, end, "Thread.sleep"));
                    case "jdk.JavaMonitorWait" -> lane.spans.add(new Span(Kind.PARKED, start, end, "Object.wait on " + className(ev, "monitorClass")));
                    case "jdk.JavaMonitorEnter" -> lane.spans.add(new Span(Kind.BLOCKED, start, end,
                            "waiting to enter synchronized on " + className(ev, "monitorClass") + " at " + userFrame(ev.getStackTrace())));
                    case "jdk.VirtualThreadPinned" -> lane.spans.add(new Span(Kind.PINNED, start, end, "pinned at " + userFrame(ev.getStackTrace())));
                    case "jdk.ThreadPark" -> {
                        Span s = new Span(Kind.PARKED, start, end, "parked at " + userFrame(ev.getStackTrace()));
                        if (waitsForWork(ev.getStackTrace())) idle.computeIfAbsent(lane.id, k -> new ArrayList<>()).add(s);
                        else lane.spans.add(s);
                    }
                    default -> { }
                }
            }
        }
        if (first == Long.MAX_VALUE) return new Data(List.of(), List.of(), 0, 1, 0);
        tests.sort(Comparator.comparingLong(Test::start));
        List<Test> chosen = tests.stream().filter(t -> t.name().contains(onlyTest)).toList();
        if (!chosen.isEmpty()) tests = new ArrayList<>(chosen);
        // The window: the tests, with a margin; the runner's own start-up is not what the learner asks about.
        long from = tests.isEmpty() ? first : tests.getFirst().start() - 20_000_000L;
        long to = tests.isEmpty() ? last : tests.stream().mapToLong(Test::end).max().orElse(last) + 20_000_000L;
        long period = SAMPLE_PERIOD.toNanos();
        for (Lane lane : lanes.values()) {
            List<Long> ts = samples.getOrDefault(lane.id, List.of());
            lane.spans.addAll(merge(ts.stream().sorted().map(t -> new Span(Kind.RUNNING, t, t + period, "")).toList(), Kind.RUNNING, 2 * period));
            List<Span> waits = idle.get(lane.id);
            if (waits != null || lane.group() == Group.WORKERS || lane.name.matches("ForkJoinPool-\\d+-worker-\\d+")) {
                lane.spans.addAll(tasks(waits == null ? List.of() : waits, Math.max(lane.born, from), Math.min(lane.died, to)));
            }
        }
        int virtual = (int) lanes.values().stream().filter(l -> l.virtual).count();
        for (Lane lane : lanes.values()) {
            // The default scheduler of virtual threads is a ForkJoinPool (JDK 21 to 25): its workers are the carriers.
            if (virtual > 0 && !lane.virtual && lane.name.matches("ForkJoinPool-\\d+-worker-\\d+")) lane.group = Group.CARRIERS;
        }
        List<Lane> shown = new ArrayList<>();
        for (Lane lane : lanes.values()) {
            if (hidden(lane.name)) continue;
            // An event loop that did work in the run and is alive but idle in the window (waiting for I/O in native
            // code, which JFR does not sample) is the picture of a free loop: it keeps its lane.
            boolean idleLoop = lane.group() == Group.EVENT_LOOPS && !lane.spans.isEmpty() && lane.born <= from && lane.died >= to;
            lane.spans.removeIf(s -> s.end() < from || s.start() > to);
            if (lane.spans.isEmpty() && !idleLoop) continue;
            lane.spans.sort(Comparator.comparingLong(Span::start));
            shown.add(lane);
        }
        Map<String, Long> names = new HashMap<>();
        shown.forEach(l -> names.merge(l.name, 1L, Long::sum));
        shown.forEach(l -> l.sameNameAsAnother = names.get(l.name) > 1);
        return new Data(shown, tests, from, to, virtual);
    }

    /** The stretches between a pool thread's waits for work: it ran a task (or started one). */
    static List<Span> tasks(List<Span> waits, long from, long to) {
        List<Span> out = new ArrayList<>();
        long at = from;
        for (Span w : waits.stream().sorted(Comparator.comparingLong(Span::start)).toList()) {
            if (w.start() > at && w.end() > from) out.add(new Span(Kind.TASK, at, Math.min(w.start(), to), "running a task"));
            at = Math.max(at, w.end());
        }
        if (at < to) out.add(new Span(Kind.TASK, at, to, "running a task"));
        return out;
    }

    /** Spans of one kind joined where the gap between them is at most {@code gap} nanoseconds. */
    static List<Span> merge(List<Span> spans, Kind kind, long gap) {
        List<Span> out = new ArrayList<>();
        Span cur = null;
        for (Span s : spans) {
            if (cur != null && s.start() - cur.end() <= gap) {
                cur = new Span(kind, cur.start(), Math.max(cur.end(), s.end()), cur.detail());
            } else {
                if (cur != null) out.add(cur);
                cur = s;
            }
        }
        if (cur != null) out.add(cur);
        return out;
    }

    /** A pool thread waiting for its next task (ThreadPoolExecutor.getTask, ForkJoinPool.awaitWork, Netty's take). */
    static boolean waitsForWork(RecordedStackTrace st) {
        if (st == null) return false;
        for (RecordedFrame f : st.getFrames()) {
            String m = f.getMethod().getType().getName() + "." + f.getMethod().getName();
            if (m.equals("java.util.concurrent.ThreadPoolExecutor.getTask") || m.equals("java.util.concurrent.ForkJoinPool.awaitWork")
                    || m.equals("io.netty.util.concurrent.SingleThreadEventExecutor.takeTask")) {
                return true;
            }
        }
        return false;
    }

    /** The first frame of the code under test (not the JDK's, not a library's internals), or the top frame. */
    static String userFrame(RecordedStackTrace st) {
        if (st == null || st.getFrames().isEmpty()) return "(no stack trace)";
        RecordedFrame top = null;
        for (RecordedFrame f : st.getFrames()) {
            if (!f.isJavaFrame()) continue;
            if (top == null) top = f;
            String type = f.getMethod().getType().getName();
            if (!(type.startsWith("java.") || type.startsWith("jdk.") || type.startsWith("sun.") || type.startsWith("io.netty.")
                    || type.startsWith("io.vertx.core.impl.") || type.startsWith("io.reactivex."))) {
                return frame(f);
            }
        }
        return top == null ? "(native)" : frame(top);
    }

    static String frame(RecordedFrame f) {
        String type = f.getMethod().getType().getName();
        String simple = type.substring(type.lastIndexOf('.') + 1);
        return simple + "." + f.getMethod().getName() + (f.getLineNumber() > 0 ? ":" + f.getLineNumber() : "");
    }

    private static String className(RecordedEvent ev, String field) {
        if (!ev.hasField(field)) return "?";
        jdk.jfr.consumer.RecordedClass c = ev.getClass(field);
        if (c == null) return "?";
        String n = c.getName();
        return n.substring(n.lastIndexOf('.') + 1);
    }

    private static String nameOf(RecordedThread t) {
        String n = t.getJavaName();
        if (n == null || n.isBlank()) return (t.isVirtual() ? "virtual #" : "thread #") + t.getJavaThreadId();
        return n;
    }

    static long nanos(Instant i) {
        return i.getEpochSecond() * 1_000_000_000L + i.getNano();
    }

    static String ms(long nanos) {
        double ms = nanos / 1e6;
        return ms >= 10 ? String.format(Locale.ROOT, "%.0f ms", ms) : String.format(Locale.ROOT, "%.1f ms", ms);
    }

    /** The one line: the most telling fact the recording holds, in the order a learner should look. */
    static final class Headline {
        private Headline() {}

        static String of(Data d) {
            List<Span> pinned = new ArrayList<>();
            long pinnedThreads = 0;
            for (Lane l : d.lanes()) {
                List<Span> p = l.spans.stream().filter(s -> s.kind() == Kind.PINNED).toList();
                if (!p.isEmpty()) pinnedThreads++;
                pinned.addAll(p);
            }
            if (!pinned.isEmpty()) {
                Span longest = pinned.stream().max(Comparator.comparingLong(Span::length)).get();
                return pinnedThreads + (pinnedThreads == 1 ? " virtual thread was" : " virtual threads were") + " pinned to a carrier (longest "
                        + ms(longest.length()) + ", " + longest.detail() + "): while pinned, its carrier runs no other virtual thread";
            }
            Span busiest = null;
            String loop = null;
            for (Lane l : d.lanes()) {
                if (l.group() != Group.EVENT_LOOPS) continue;
                for (Span s : merge(l.spans.stream().sorted(Comparator.comparingLong(Span::start)).toList(), Kind.RUNNING,
                        SAMPLE_PERIOD.toNanos())) {
                    if (busiest == null || s.length() > busiest.length()) {
                        busiest = s;
                        loop = l.name;
                    }
                }
            }
            if (busiest != null && busiest.length() >= 100_000_000L) {
                Span b = busiest;
                String name = loop;
                String what = d.lanes().stream().filter(l -> l.name.equals(name))
                        .flatMap(l -> l.spans.stream()).filter(s -> s.start() >= b.start() && s.end() <= b.end() && s.kind() != Kind.RUNNING)
                        .max(Comparator.comparingLong(Span::length)).map(s -> " (" + s.kind().name().toLowerCase(Locale.ROOT) + ", " + s.detail() + ")").orElse(" (running code)");
                boolean onlyRunning = what.equals(" (running code)");
                return "the event loop " + loop + " was busy " + ms(busiest.length()) + " in one stretch" + what
                        + (onlyRunning ? ": if that code never gave the loop back, every timer and request on the loop waited that long"
                                : ": every timer and request on that loop waited that long");
            }
            List<Span> blocked = d.lanes().stream().flatMap(l -> l.spans.stream()).filter(s -> s.kind() == Kind.BLOCKED).toList();
            long blockedTotal = blocked.stream().mapToLong(Span::length).sum();
            if (blockedTotal >= 50_000_000L) {
                long threads = d.lanes().stream().filter(l -> l.spans.stream().anyMatch(s -> s.kind() == Kind.BLOCKED)).count();
                Span longest = blocked.stream().max(Comparator.comparingLong(Span::length)).get();
                return threads + " threads waited " + ms(blockedTotal) + " in all to enter a synchronized block (longest " + ms(longest.length())
                        + ", " + longest.detail() + ")";
            }
            int parkedAtOnce = atOnce(d.lanes().stream().filter(l -> !l.virtual && l.group() != Group.TESTS)
                    .flatMap(l -> l.spans.stream()).filter(s -> s.kind() == Kind.PARKED || s.kind() == Kind.SLEEPING).toList());
            if (parkedAtOnce >= 4) {
                return parkedAtOnce + " platform threads were parked or sleeping at once: each one holds a thread (and its stack) while it waits";
            }
            long virtualInWindow = d.lanes().stream().filter(l -> l.virtual).count();
            if (virtualInWindow > 0) {
                return virtualInWindow + (virtualInWindow == 1 ? " virtual thread ran" : " virtual threads ran")
                        + (virtualInWindow > TimelinePage.MAX_LANES_PER_GROUP ? " (the busiest " + TimelinePage.MAX_LANES_PER_GROUP + " are drawn)" : "")
                        + "; none was pinned, so each one that blocked gave its carrier back";
            }
            Lane busiestLane = d.lanes().stream().filter(l -> l.group() != Group.TESTS).max(Comparator.comparingLong(Lane::busy)).orElse(null);
            if (busiestLane == null) return "the tests ran on the test runner's own thread only: no other thread did any work";
            long threads = d.lanes().stream().filter(l -> l.group() != Group.TESTS).count();
            return threads + " threads besides the test runner's did work; the busiest, " + busiestLane.name + ", was running or blocked for "
                    + ms(busiestLane.busy());
        }

        /** The most spans that overlap at one instant. */
        static int atOnce(List<Span> spans) {
            List<long[]> edges = new ArrayList<>();
            for (Span s : spans) {
                edges.add(new long[] {s.start(), 1});
                edges.add(new long[] {s.end(), -1});
            }
            edges.sort((a, b) -> a[0] != b[0] ? Long.compare(a[0], b[0]) : Long.compare(a[1], b[1]));
            int now = 0, max = 0;
            for (long[] e : edges) {
                now += (int) e[1];
                max = Math.max(max, now);
            }
            return max;
        }
    }
}
