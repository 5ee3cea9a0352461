package course.threads;

import java.time.Duration;
import java.util.concurrent.ThreadFactory;

/**
 * Ex08 · What a platform thread costs.
 *
 * <p>Every platform thread is a kernel thread with its own stack. Starting one is a system call
 * plus the stack set-up: tens of microseconds, against well under one microsecond for a task
 * handed to a running pool or an event loop. Its stack is <em>reserved</em> up front (the -Xss size, 1 MiB by default
 * on Linux x64) but only the pages actually touched become resident memory, which is why
 * "every thread costs 1 MB" is about address space, not RAM. What does limit you: the kernel's
 * thread limits, the memory that deep stacks really touch, and the scheduler's cost of switching
 * between thousands of runnable threads.
 *
 * <p>Measure it yourself rather than trusting a number from a blog (module 05 does it properly
 * with JMH; this is the back-of-the-envelope version).
 */
public final class Ex08_ThreadCost {

    private Ex08_ThreadCost() {
    }

    /** How long it took to start and join {@code threads} threads, one after another. */
    public record StartCost(int threads, Duration total) {
        public Duration perThread() {
            return total.dividedBy(threads);
        }
    }

    /**
     * Starts {@code n} threads made by {@code factory}, one at a time, each running an empty task,
     * joins each before starting the next, and returns the total time taken.
     */
    public static StartCost measureStartAndJoin(int n, ThreadFactory factory) throws InterruptedException {
        // TODO: StopWatch watch = StopWatch.createStarted();   (org.apache.commons.lang3.time)
        //       n times: Thread t = factory.newThread(() -> { }); t.start(); t.join();
        //       watch.stop(); return new StartCost(n, watch.getDuration());
        throw new UnsupportedOperationException("Ex08 not implemented yet: time n start+join round trips with a StopWatch");
    }

    /**
     * The stack size this JVM reserves for a new thread when none is given, in bytes (the value
     * of -Xss, or the platform default).
     */
    public static long defaultStackSizeBytes() {
        // TODO: read the HotSpot flag ThreadStackSize, which is in KiB:
        //         ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class)
        //             .getVMOption("ThreadStackSize").getValue()
        //       (com.sun.management.HotSpotDiagnosticMXBean), parse it, multiply by 1024.
        throw new UnsupportedOperationException("Ex08 not implemented yet: read ThreadStackSize (KiB) and convert to bytes");
    }
}
