package course.threads;

import java.util.function.LongBinaryOperator;

/**
 * Ex02 · Split a CPU-heavy computation across cores and combine the parts.
 *
 * <p>One thread keeps one core busy. To use all of them, cut the work into independent parts,
 * give each part its own thread, and combine the partial results once every thread is joined.
 * Each part writes only its own slot, so the threads share nothing while they compute: no lock,
 * no contention, and the combination happens after join() has made every slot visible.
 *
 * <p>The work here is the mixing loop ({@code cpu_burn}) of the CPU-bound scenario in the public
 * benchmark crate {@code tokio-vs-thread-spawning} (repository RatulDawar/rust-experiments, the blog
 * post "Async Runtimes vs Threads in Rust: Which Is Better, and When?"), which module 05 measures
 * on your machine: it never waits, so more threads than cores would only take turns.
 */
public final class Ex02_SplitAcrossCores {

    private Ex02_SplitAcrossCores() {
    }

    /** The CPU-heavy part: the sum of {@link #mix} over {@code [from, to)} (wrapping on overflow). */
    public static long mixSum(long from, long to) {
        long sum = 0;
        for (long id = from; id < to; id++) {
            sum += mix(id);
        }
        return sum;
    }

    /** A few rounds of bit mixing: pure computation, no memory traffic, no waiting. */
    static long mix(long id) {
        long x = id + 0x9E3779B97F4A7C15L;
        for (long round = 0; round < 64; round++) {
            x ^= round * 0xBF58476D1CE4E5B9L;
            x = Long.rotateLeft(x, 13);
            x *= 0x94D049BB133111EBL;
            x ^= x >>> 17;
        }
        return x;
    }

    /** The same sum over {@code [0, n)}, one part per available core. */
    public static long mixSumOnAllCores(long n) throws InterruptedException {
        return computeInParts(n, Runtime.getRuntime().availableProcessors(), Ex02_SplitAcrossCores::mixSum);
    }

    /**
     * Splits {@code [0, n)} into {@code parts} contiguous ranges that cover it exactly once, runs
     * {@code partSum.applyAsLong(from, to)} for each range on its own platform thread, all at the
     * same time, and returns the sum of the partial results.
     */
    public static long computeInParts(long n, int parts, LongBinaryOperator partSum) throws InterruptedException {
        // TODO: cut [0, n) into `parts` contiguous ranges that cover every id exactly once (n need
        //  not divide evenly), compute each range on its own platform thread, all at the same time,
        //  and return the sum of the parts. The threads must not share anything while they compute.
        throw new UnsupportedOperationException("Ex02 not implemented yet: compute the parts on threads of their own, at the same time, and add them up");
    }
}
