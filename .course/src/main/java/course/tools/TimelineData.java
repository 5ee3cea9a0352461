package course.tools;

import java.io.IOException;
import java.nio.file.Path;
import java.time.*;
import java.util.*;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import jdk.jfr.consumer.*;

/** A timeline recording (TimelineRecording), read: the lanes of the threads with something to show, the tests, the window in epoch nanos. */
record TimelineData(List<Lane> lanes, List<Test> tests, long start, long end, int virtualThreads) {

    /** Execution samples: one per thread this often (TimelineRecording asks for it). */
    static final Duration SAMPLE_PERIOD = Duration.ofMillis(10);

    /** The one line that says what the picture shows: the most telling fact, in the order a learner should look. */
    String headline() {
        List<Span> pinned = spans(l -> true, Kind.PINNED);
        if (!pinned.isEmpty()) {
            long threads = lanes.stream().filter(l -> l.spans.stream().anyMatch(s -> s.kind() == Kind.PINNED)).count();
            Span longest = pinned.stream().max(Comparator.comparingLong(Span::length)).get();
            return threads + (threads == 1 ? " virtual thread was" : " virtual threads were") + " pinned to a carrier (longest "
                    + ms(longest.length()) + ", " + longest.detail() + "): while pinned, its carrier runs no other virtual thread";
        }
        record Stretch(String loop, Span span) {}
        Optional<Stretch> busiest = lanes.stream().filter(l -> l.group() == Group.EVENT_LOOPS)
                .flatMap(l -> merge(l.spans.stream().sorted(Comparator.comparingLong(Span::start)).toList(), Kind.RUNNING, SAMPLE_PERIOD.toNanos())
                        .stream().map(s -> new Stretch(l.name, s)))
                .max(Comparator.comparingLong(x -> x.span().length()));
        if (busiest.isPresent() && busiest.get().span().length() >= 100_000_000L) {
            Span b = busiest.get().span();
            String name = busiest.get().loop();
            Optional<Span> what = lanes.stream().filter(l -> l.name.equals(name)).flatMap(l -> l.spans.stream())
                    .filter(s -> s.start() >= b.start() && s.end() <= b.end() && s.kind() != Kind.RUNNING).max(Comparator.comparingLong(Span::length));
            return "the event loop " + name + " was busy " + ms(b.length()) + " in one stretch"
                    + what.map(s -> " (" + s.kind().name().toLowerCase(Locale.ROOT) + ", " + s.detail() + "): every timer and request on that loop waited that long")
                          .orElse(" (running code): if that code never gave the loop back, every timer and request on the loop waited that long");
        }
        List<Span> blocked = spans(l -> true, Kind.BLOCKED);
        long blockedTotal = blocked.stream().mapToLong(Span::length).sum();
        if (blockedTotal >= 50_000_000L) {
            long threads = lanes.stream().filter(l -> l.spans.stream().anyMatch(s -> s.kind() == Kind.BLOCKED)).count();
            Span longest = blocked.stream().max(Comparator.comparingLong(Span::length)).get();
            return threads + " threads waited " + ms(blockedTotal) + " in all to enter a synchronized block (longest " + ms(longest.length())
                    + ", " + longest.detail() + ")";
        }
        int parkedAtOnce = atOnce(spans(l -> !l.virtual && l.group() != Group.TESTS, Kind.PARKED, Kind.SLEEPING));
        if (parkedAtOnce >= 4) return parkedAtOnce + " platform threads were parked or sleeping at once: each one holds a thread (and its stack) while it waits";
        long virtual = lanes.stream().filter(l -> l.virtual).count();
        if (virtual > 0) {
            return virtual + (virtual == 1 ? " virtual thread ran" : " virtual threads ran")
                    + (virtual > TimelinePage.MAX_LANES_PER_GROUP ? " (the busiest " + TimelinePage.MAX_LANES_PER_GROUP + " are drawn)" : "")
                    + "; none was pinned, so each one that blocked gave its carrier back";
        }
        List<Lane> others = lanes.stream().filter(l -> l.group() != Group.TESTS).toList();
        if (others.isEmpty()) return "the tests ran on the test runner's own thread only: no other thread did any work";
        Lane busiestLane = others.stream().max(Comparator.comparingLong(Lane::busy)).get();
        return others.size() + " threads besides the test runner's did work; the busiest, " + busiestLane.name + ", was running or blocked for "
                + ms(busiestLane.busy());
    }

    private List<Span> spans(Predicate<Lane> of, Kind... kinds) {
        return lanes.stream().filter(of).flatMap(l -> l.spans.stream()).filter(s -> List.of(kinds).contains(s.kind())).toList();
    }

    /** What a thread was doing; the order is the drawing order (later on top). */
    enum Kind {
        TASK("running a task (a worker's executeBlocking, a scheduler's job)"),
        RUNNING("running (execution samples, every 10 ms)"),
        PARKED("parked or waiting (LockSupport.park, Object.wait, a future's get, a queue)"),
        SLEEPING("sleeping (Thread.sleep)"),
        BLOCKED("blocked entering a monitor (synchronized)"),
        PINNED("virtual thread pinned to its carrier");

        final String legend;
        Kind(String legend) { this.legend = legend; }
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
        Group(String label) { this.label = label; }
    }

    record Span(Kind kind, long start, long end, String detail) {
        long length() { return end - start; }
    }

    record Test(String name, String status, long start, long end) {}

    /** A thread's lane, filled in as the recording is read. */
    static final class Lane {
        final long id;
        final String name;
        final boolean virtual;
        final List<Span> spans = new ArrayList<>();
        long born = Long.MIN_VALUE, died = Long.MAX_VALUE;
        Group group;
        /** Another thread of the recording has the same name (each test starts its own Vertx). */
        boolean sameNameAsAnother;

        Lane(long id, String name, boolean virtual) {
            this.id = id;
            this.name = name;
            this.virtual = virtual;
        }

        String label() { return sameNameAsAnother ? name + " #" + id : name; }
        Group group() { return group != null ? group : groupOf(name, virtual); }
        long firstActivity() { return spans.stream().mapToLong(Span::start).min().orElse(Long.MAX_VALUE); }
        long busy() { return spans.stream().filter(s -> s.kind() != Kind.PARKED).mapToLong(Span::length).sum(); }
    }

    private static Group groupOf(String name, boolean virtual) {
        if (virtual) return Group.VIRTUAL;
        if (name.equals("main") || name.startsWith("junit-")) return Group.TESTS; // junit-timeout-thread: a SEPARATE_THREAD timeout
        if (name.startsWith("vert.x-eventloop-thread")) return Group.EVENT_LOOPS;
        return Stream.of("vert.x-worker-thread", "vert.x-internal-blocking", "RxComputationThreadPool", "RxCachedThreadScheduler",
                "RxSingleScheduler", "RxNewThreadScheduler").anyMatch(name::startsWith) ? Group.WORKERS : Group.PLATFORM;
    }

    /** Threads of the JVM and of the tools, not of the code under test: never drawn. */
    private static boolean hidden(String name) {
        return name.startsWith("JFR ") || name.startsWith("C1 ") || name.startsWith("C2 ") || List.of("Reference Handler", "Finalizer", "Signal Dispatcher",
                "Common-Cleaner", "Notification Thread", "Attach Listener", "Service Thread", "process reaper", "Monitor Deflation Thread").contains(name);
    }

    /** The most spans that overlap at one instant. */
    private static int atOnce(List<Span> spans) {
        List<long[]> edges = new ArrayList<>();
        for (Span s : spans) {
            edges.add(new long[] {s.start(), 1});
            edges.add(new long[] {s.end(), -1});
        }
        edges.sort(Comparator.<long[]>comparingLong(a -> a[0]).thenComparingLong(a -> a[1]));
        int now = 0, max = 0;
        for (long[] e : edges) max = Math.max(max, now += (int) e[1]);
        return max;
    }

    /** Reads a recording made by TimelineRecording; the window is the tests whose name contains {@code onlyTest} (all when none does). */
    static TimelineData read(Path jfr, String onlyTest) throws IOException {
        Map<Long, Lane> lanes = new LinkedHashMap<>();
        List<Test> tests = new ArrayList<>();
        Map<Long, List<Long>> samples = new HashMap<>();
        Map<Long, List<Span>> idle = new HashMap<>();
        long first = Long.MAX_VALUE, last = Long.MIN_VALUE;
        try (RecordingFile file = new RecordingFile(jfr)) {
            while (file.hasMoreEvents()) {
                RecordedEvent ev = file.readEvent();
                long start = nanos(ev.getStartTime()), end = nanos(ev.getEndTime());
                first = Math.min(first, start);
                last = Math.max(last, end);
                String type = ev.getEventType().getName();
                if (type.equals("course.TestMethod")) {
                    tests.add(new Test(ev.getString("test"), ev.getString("status"), start, end));
                    continue;
                }
                RecordedThread t = type.equals("jdk.ExecutionSample") ? ev.getThread("sampledThread") : ev.getThread();
                if (t == null) continue;
                String name = t.getJavaName() == null || t.getJavaName().isBlank() ? (t.isVirtual() ? "virtual #" : "thread #") + t.getJavaThreadId()
                        : t.getJavaName();
                Lane lane = lanes.computeIfAbsent(t.getJavaThreadId(), id -> new Lane(id, name, t.isVirtual()));
                switch (type) {
                    case "jdk.ExecutionSample" -> samples.computeIfAbsent(lane.id, k -> new ArrayList<>()).add(start);
                    case "jdk.ThreadStart", "jdk.VirtualThreadStart" -> lane.born = start;
                    case "jdk.ThreadEnd", "jdk.VirtualThreadEnd" -> lane.died = start;
                    case "jdk.ThreadSleep" -> lane.spans.add(new Span(Kind.SLEEPING, start, end, "Thread.sleep"));
                    case "jdk.JavaMonitorWait" -> lane.spans.add(new Span(Kind.PARKED, start, end, "Object.wait on " + className(ev)));
                    case "jdk.JavaMonitorEnter" -> lane.spans.add(new Span(Kind.BLOCKED, start, end,
                            "waiting to enter synchronized on " + className(ev) + " at " + userFrame(ev.getStackTrace())));
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
        if (first == Long.MAX_VALUE) return new TimelineData(List.of(), List.of(), 0, 1, 0);
        tests.sort(Comparator.comparingLong(Test::start));
        List<Test> chosen = tests.stream().filter(t -> t.name().contains(onlyTest)).toList();
        if (!chosen.isEmpty()) tests = chosen;
        // The window: the tests, with a margin; the runner's own start-up is not what the learner asks about.
        long from = tests.isEmpty() ? first : tests.getFirst().start() - 20_000_000L;
        long to = tests.isEmpty() ? last : tests.stream().mapToLong(Test::end).max().orElse(last) + 20_000_000L;
        long period = SAMPLE_PERIOD.toNanos();
        int virtual = (int) lanes.values().stream().filter(l -> l.virtual).count();
        List<Lane> shown = new ArrayList<>();
        for (Lane lane : lanes.values()) {
            lane.spans.addAll(merge(samples.getOrDefault(lane.id, List.of()).stream().sorted().map(t -> new Span(Kind.RUNNING, t, t + period, "")).toList(),
                    Kind.RUNNING, 2 * period));
            boolean forkJoin = lane.name.matches("ForkJoinPool-\\d+-worker-\\d+");
            if (idle.containsKey(lane.id) || lane.group() == Group.WORKERS || forkJoin) {
                lane.spans.addAll(tasks(idle.getOrDefault(lane.id, List.of()), Math.max(lane.born, from), Math.min(lane.died, to)));
            }
            // The default scheduler of virtual threads is a ForkJoinPool (JDK 21 to 25): its workers are the carriers.
            if (virtual > 0 && !lane.virtual && forkJoin) lane.group = Group.CARRIERS;
            if (hidden(lane.name)) continue;
            // An event loop alive and idle in the window (waiting for I/O in native code, which JFR does not sample) keeps its lane.
            boolean idleLoop = lane.group() == Group.EVENT_LOOPS && !lane.spans.isEmpty() && lane.born <= from && lane.died >= to;
            lane.spans.removeIf(s -> s.end() < from || s.start() > to);
            if (lane.spans.isEmpty() && !idleLoop) continue;
            lane.spans.sort(Comparator.comparingLong(Span::start));
            shown.add(lane);
        }
        Map<String, Long> names = shown.stream().collect(Collectors.groupingBy(l -> l.name, Collectors.counting()));
        shown.forEach(l -> l.sameNameAsAnother = names.get(l.name) > 1);
        return new TimelineData(shown, tests, from, to, virtual);
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
    private static List<Span> merge(List<Span> spans, Kind kind, long gap) {
        List<Span> out = new ArrayList<>();
        for (Span s : spans) {
            Span prev = out.isEmpty() ? null : out.getLast();
            if (prev != null && s.start() - prev.end() <= gap) out.set(out.size() - 1, new Span(kind, prev.start(), Math.max(prev.end(), s.end()), prev.detail()));
            else out.add(s);
        }
        return out;
    }

    /** A pool thread waiting for its next task (ThreadPoolExecutor.getTask, ForkJoinPool.awaitWork, Netty's takeTask). */
    private static boolean waitsForWork(RecordedStackTrace st) {
        return st != null && st.getFrames().stream().map(f -> f.getMethod().getType().getName() + "." + f.getMethod().getName())
                .anyMatch(m -> m.equals("java.util.concurrent.ThreadPoolExecutor.getTask") || m.equals("java.util.concurrent.ForkJoinPool.awaitWork")
                        || m.equals("io.netty.util.concurrent.SingleThreadEventExecutor.takeTask"));
    }

    /** The first frame of the code under test (not the JDK's, not a library's internals), or the top frame. */
    private static String userFrame(RecordedStackTrace st) {
        if (st == null || st.getFrames().isEmpty()) return "(no stack trace)";
        List<RecordedFrame> java = st.getFrames().stream().filter(RecordedFrame::isJavaFrame).toList();
        return java.stream().filter(f -> Stream.of("java.", "jdk.", "sun.", "io.netty.", "io.vertx.core.impl.", "io.reactivex.")
                .noneMatch(f.getMethod().getType().getName()::startsWith)).findFirst().or(() -> java.stream().findFirst())
                .map(f -> simpleName(f.getMethod().getType().getName()) + "." + f.getMethod().getName() + (f.getLineNumber() > 0 ? ":" + f.getLineNumber() : ""))
                .orElse("(native)");
    }

    private static String className(RecordedEvent ev) {
        RecordedClass c = ev.hasField("monitorClass") ? ev.getClass("monitorClass") : null;
        return c == null ? "?" : simpleName(c.getName());
    }

    private static String simpleName(String type) { return type.substring(type.lastIndexOf('.') + 1); }
    private static long nanos(Instant i) { return i.getEpochSecond() * 1_000_000_000L + i.getNano(); }

    static String ms(long nanos) {
        double ms = nanos / 1e6;
        return String.format(Locale.ROOT, ms >= 10 ? "%.0f ms" : "%.1f ms", ms);
    }
}
