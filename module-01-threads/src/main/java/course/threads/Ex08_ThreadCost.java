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
        // TODO: time n round trips of "make a thread with factory, start it, wait for it to end",
        //  one after another (never two threads alive at once), from before the first to after the
        //  last. Commons Lang (on the class path) has a stopwatch.
        throw new UnsupportedOperationException("Ex08 not implemented yet: time n thread round trips, one after another");
    }

    /**
     * The stack size this JVM reserves for a new thread when none is given, in bytes (the value
     * of -Xss, or the platform default).
     */
    public static long defaultStackSizeBytes() {
        // TODO: ask the running JVM (not the documentation) how much stack it reserves for a new
        //  thread; -Xss sets it at start-up, so the answer differs between JVMs. Return bytes.
        throw new UnsupportedOperationException("Ex08 not implemented yet: ask this JVM how much stack a new thread gets");
    }
}
