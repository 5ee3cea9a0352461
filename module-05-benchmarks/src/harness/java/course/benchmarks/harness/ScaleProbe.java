package course.benchmarks.harness;

import io.vertx.core.Context;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.management.ObjectName;

/**
 * How many units can wait at once, and what each one costs, measured in one JVM per model.
 *
 * <p>Run by the suite with a fixed heap ({@code -Xms512m -Xmx512m}, so the heap does not grow under
 * the measurement) and Native Memory Tracking ({@code -XX:NativeMemoryTracking=summary}):
 * {@code ScaleProbe <platform|virtual|vertx> <cap> <seconds>}. After a warm-up, it starts waiting units in steps and,
 * after each step, waits until every unit is really waiting (a thread parked in its wait; a timer
 * registered by the event loop itself, as a handler would), then prints {@code STEP <units>}. It
 * stops at the cap, when the seconds given have passed, or at the first error (no more threads, heap full), so it
 * never runs the machine out of anything. Then it prints one {@code COST} line, comparing the state
 * after the last step with the state after the 50 warm-up units, each after a full GC:
 * {@code COST <units> <live heap bytes> <NMT thread bytes> <NMT stack bytes> <RSS bytes> <KernelStack bytes> <stack depth>}
 * (deltas over the units added; -1 where the OS or JVM cannot tell), and {@code END <why it stopped>}.
 */
public final class ScaleProbe {

    private static final int WARM_UP_UNITS = 50;

    /** The probe JVM's fixed heap (the suite starts it with -Xms512m -Xmx512m). */
    static final long HEAP_BYTES = 512L * 1024 * 1024;

    private ScaleProbe() {
    }

    /** Something that can start waiting units and tell when they all wait. */
    private interface Units {
        void start(int count);

        /** Blocks until every unit started so far is waiting (or the deadline passes). */
        void awaitWaiting(long deadlineNanos) throws InterruptedException;

        /** Frames on a waiting unit's stack, or -1 for a unit that has no stack (a timer). */
        int stackDepth();
    }

    /** One reading of everything a waiting unit can cost. */
    private record Footprint(long heap, long nmtThread, long nmtStack, long rss, long kernelStack) {
    }

    public static void main(String[] args) {
        String model = args[0];
        int cap = Integer.parseInt(args[1]);
        long budget = TimeUnit.SECONDS.toNanos(Long.parseLong(args[2]));
        long deadline = System.nanoTime() + budget; // for the warm-up; the steps get the whole budget after it
        String reason = "cap";
        int started = 0;
        Footprint base = null;
        Units units = null;
        try {
            units = switch (model) {
                case "platform" -> threads(Thread.ofPlatform().daemon(true));
                case "virtual" -> threads(Thread.ofVirtual());
                case "vertx" -> timers();
                default -> throw new IllegalArgumentException("unknown model " + model);
            };
            // Warm up (class loading, first allocations) before the baseline, so it is not billed to the units.
            units.start(WARM_UP_UNITS);
            started = WARM_UP_UNITS;
            units.awaitWaiting(deadline);
            base = footprint();
            deadline = System.nanoTime() + budget;
            int step = Math.max(100, cap / 40);
            while (started < cap) {
                if (System.nanoTime() > deadline) {
                    reason = "time budget";
                    break;
                }
                int count = Math.min(step, cap - started);
                units.start(count);
                started += count;
                units.awaitWaiting(deadline);
                System.out.println("STEP " + started);
                System.out.flush();
            }
        } catch (Throwable limit) { // OutOfMemoryError: no native thread, or heap full
            reason = limit.getClass().getSimpleName() + ": " + limit.getMessage();
        }
        try {
            if (base != null && units != null) {
                units.awaitWaiting(System.nanoTime() + TimeUnit.SECONDS.toNanos(5));
                Footprint end = footprint();
                System.out.printf("COST %d %d %d %d %d %d %d%n", started - WARM_UP_UNITS, end.heap() - base.heap(),
                    delta(base.nmtThread(), end.nmtThread()), delta(base.nmtStack(), end.nmtStack()),
                    delta(base.rss(), end.rss()), delta(base.kernelStack(), end.kernelStack()), units.stackDepth());
            }
        } catch (Throwable e) {
            reason += "; no footprint: " + e;
        }
        System.out.println("END " + reason.replace('\n', ' '));
        System.out.flush();
        Runtime.getRuntime().halt(0); // do not wait for thousands of threads to wind down
    }

    private static long delta(long before, long after) {
        return before < 0 || after < 0 ? -1 : after - before;
    }

    private static Units threads(Thread.Builder builder) {
        CountDownLatch release = new CountDownLatch(1);
        List<Thread> started = new ArrayList<>();
        return new Units() {
            private int confirmed; // units before this index are known to be waiting

            @Override
            public void start(int count) {
                for (int i = 0; i < count; i++) {
                    started.add(builder.start(() -> {
                        try {
                            release.await(); // waits, like a unit blocked on I/O
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                        }
                    }));
                }
            }

            @Override
            public void awaitWaiting(long deadlineNanos) throws InterruptedException {
                while (confirmed < started.size() && System.nanoTime() < deadlineNanos) {
                    if (started.get(confirmed).getState() == Thread.State.WAITING) {
                        confirmed++;
                    } else {
                        Thread.sleep(1);
                    }
                }
            }

            @Override
            public int stackDepth() {
                return started.isEmpty() ? -1 : started.getFirst().getStackTrace().length;
            }
        };
    }

    /** Timers set by a task on the event loop, as a handler would set them (from a foreign thread each call would make a new context). */
    private static Units timers() {
        Vertx vertx = Vertx.vertx();
        Context loop = vertx.getOrCreateContext();
        return new Units() {
            private Promise<Void> lastBatch = Promise.promise();

            {
                lastBatch.complete();
            }

            @Override
            public void start(int count) {
                Promise<Void> batch = Promise.promise();
                loop.runOnContext(ignored -> {
                    for (int i = 0; i < count; i++) {
                        vertx.setTimer(TimeUnit.MINUTES.toMillis(10), id -> { });
                    }
                    batch.complete();
                });
                lastBatch = batch;
            }

            @Override
            public void awaitWaiting(long deadlineNanos) throws InterruptedException {
                try {
                    lastBatch.future().await(Math.max(1, deadlineNanos - System.nanoTime()), TimeUnit.NANOSECONDS);
                } catch (java.util.concurrent.TimeoutException e) {
                    // the caller sees the time budget run out
                }
            }

            @Override
            public int stackDepth() {
                return -1;
            }
        };
    }

    /** Live heap after two full GCs, NMT's thread and stack memory, VmRSS, and the kernel's KernelStack (machine-wide). */
    private static Footprint footprint() {
        System.gc();
        System.gc();
        long heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
        long thread = -1;
        long stack = -1;
        try {
            String nmt = (String) ManagementFactory.getPlatformMBeanServer().invoke(
                new ObjectName("com.sun.management:type=DiagnosticCommand"), "vmNativeMemory",
                new Object[] {new String[] {"summary", "scale=KB"}}, new String[] {String[].class.getName()});
            Matcher threadLine = Pattern.compile("Thread \\(reserved=\\d+KB, committed=(\\d+)KB\\)").matcher(nmt);
            Matcher stackLine = Pattern.compile("\\(stack: reserved=\\d+KB, committed=(\\d+)KB").matcher(nmt);
            if (threadLine.find()) {
                thread = Long.parseLong(threadLine.group(1)) * 1024;
            }
            if (stackLine.find()) {
                stack = Long.parseLong(stackLine.group(1)) * 1024;
            }
        } catch (Exception | Error e) {
            // no NMT (not enabled, or another JVM): unknown
        }
        return new Footprint(heap, thread, stack, kb("/proc/self/status", "VmRSS:"), kb("/proc/meminfo", "KernelStack:"));
    }

    /** A "Name:  123 kB" line of a /proc file, in bytes, or -1 where there is no /proc (macOS, Windows). */
    static long kb(String file, String name) {
        try {
            for (String line : Files.readAllLines(Path.of(file))) {
                if (line.startsWith(name)) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
                }
            }
        } catch (IOException | RuntimeException e) {
            return -1;
        }
        return -1;
    }
}
