package course.threads;

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
 */
public final class Ex05_SharedCounter {

    // TODO: add a field that counts safely under contention, e.g.
    //       private final LongAdder count = new LongAdder();

    /** Adds one. Safe to call from any number of threads at once. */
    public void increment() {
        // TODO: count one, atomically (LongAdder.increment()). Not a plain long and count++.
        throw new UnsupportedOperationException("Ex05 not implemented yet: increment atomically");
    }

    /** The number of increments so far (exact once the incrementing threads have been joined). */
    public long sum() {
        // TODO: return the total (LongAdder.sum()).
        throw new UnsupportedOperationException("Ex05 not implemented yet: return the total");
    }
}
