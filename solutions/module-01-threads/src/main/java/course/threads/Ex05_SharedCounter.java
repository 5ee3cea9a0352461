package course.threads;

import java.util.concurrent.atomic.LongAdder;

/**
 * Ex05 · A counter shared by many threads, without losing a single increment.
 *
 * <p>{@code count++} looks like one step but is three: read, add, write. Two threads can read
 * the same value and both write value + 1, and one increment is gone. Nothing crashes; the
 * total is just wrong, a little, sometimes. {@code volatile} does not help (it makes the read
 * and the write visible, not the three steps indivisible).
 *
 * <p>The java.util.concurrent.atomic classes make the read-modify-write one indivisible step.
 * {@code LongAdder} is built for this exact job: under contention each thread adds to its own
 * cell and {@code sum()} adds the cells up, so threads do not fight over one memory location.
 * ({@code AtomicLong} is also correct; it just retries more when many threads hammer it.)
 *
 * <p>Solution note: LongAdder is the right tool for a counter that is written often and read
 * rarely; when you need the value of each increment (an id generator), use AtomicLong.
 */
public final class Ex05_SharedCounter {

    private final LongAdder count = new LongAdder();

    /** Adds one. Safe to call from any number of threads at once. */
    public void increment() {
        count.increment();                                        // one indivisible step, per-thread cell
    }

    /** The number of increments so far (exact once the incrementing threads have been joined). */
    public long sum() {
        return count.sum();
    }
}
