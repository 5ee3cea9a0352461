// Wrong: a static AtomicLong: atomic, but one count for every counter in the JVM
// Caught by: countersAreIndependent
package course.threads;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Ex05 · A counter shared by many threads, without losing a single increment.
 *
 * <p>{@code count++} looks like one step but is three: read, add, write. Two threads can read
 * the same value and both write value + 1, and one increment is gone. Nothing crashes; the
 * total is just wrong, a little, sometimes. {@code volatile} does not help (it makes the read
 * and the write visible, not the three steps indivisible).
 *
 * <p>The java.util.concurrent.atomic classes make a read-modify-write one indivisible step, and
 * a lock makes any block of code one; they differ in what they cost when many threads hammer the
 * same value at once. Choose for a counter that is written very often and read rarely.
 *
 * <p>This exercise's test hammers your counter in a second JVM that it starts itself, with your
 * class kept out of the JIT compiler, so a race shows up in every run (see the module README).
 *
 * <p>Solution note: {@code LongAdder} is built for this exact job: under contention each thread
 * adds to its own cell and {@code sum()} adds the cells up, so threads do not fight over one memory
 * location. {@code AtomicLong} is also correct (one atomic add, but every thread updates the same cache line, which bounces between cores under contention) and is
 * the tool when you need the value of each increment (an id generator).
 */
public final class Ex05_SharedCounter {

    private static final AtomicLong COUNT = new AtomicLong();

    /** Adds one. Safe to call from any number of threads at once. */
    public void increment() {
        COUNT.incrementAndGet();                                        // one indivisible step
    }

    /** The number of increments so far (exact once the incrementing threads have been joined). */
    public long sum() {
        return COUNT.get();
    }
}
