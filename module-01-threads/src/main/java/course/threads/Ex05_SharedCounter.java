package course.threads;

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
 */
public final class Ex05_SharedCounter {

    // TODO: keep a count that many threads can add to at the same moment without losing a
    //  single increment (a count of its own per thread does not help: sum() must see them all).
    //  increment() is called very often, sum() rarely.

    /** Adds one. Safe to call from any number of threads at once. */
    public void increment() {
        throw new UnsupportedOperationException("Ex05 not implemented yet: count one, without losing it to a race");
    }

    /** The number of increments so far (exact once the incrementing threads have been joined). */
    public long sum() {
        throw new UnsupportedOperationException("Ex05 not implemented yet: return the total");
    }
}
