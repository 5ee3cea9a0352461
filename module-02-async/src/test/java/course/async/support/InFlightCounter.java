package course.async.support;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * Counts operations that have started and not yet finished, and remembers the highest count
 * seen. This is how the tests prove a concurrency limit by construction: a sequential answer
 * peaks at 1, an unbounded one at N, a bounded one at exactly K.
 */
public final class InFlightCounter {

    private final AtomicInteger now = new AtomicInteger();
    private final AtomicInteger peak = new AtomicInteger();
    private final AtomicInteger started = new AtomicInteger();

    /** An operation has started. */
    public void enter() {
        started.incrementAndGet();
        int current = now.incrementAndGet();
        peak.accumulateAndGet(current, Math::max);
    }

    /** An operation has finished (successfully or not). */
    public void exit() {
        now.decrementAndGet();
    }

    public int peak() {
        return peak.get();
    }

    public int current() {
        return now.get();
    }

    public int started() {
        return started.get();
    }
}
