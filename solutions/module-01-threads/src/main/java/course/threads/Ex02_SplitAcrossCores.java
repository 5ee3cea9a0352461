package course.threads;

import java.util.ArrayList;
import java.util.List;
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
 *
 * <p>Solution note: i * n / parts computes the boundaries without a special case for the last
 * part; for huge n use Math.multiplyHigh or a long division first to avoid overflow.
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
        long[] partials = new long[parts];                        // slot i belongs to thread i only
        List<Thread> threads = new ArrayList<>(parts);
        for (int i = 0; i < parts; i++) {
            int part = i;
            long from = part * n / parts;
            long to = (part + 1) * n / parts;
            threads.add(Thread.ofPlatform().start(() -> partials[part] = partSum.applyAsLong(from, to)));
        }
        long total = 0;
        for (int i = 0; i < parts; i++) {
            threads.get(i).join();                                // join first, then read the slot
            total += partials[i];
        }
        return total;
    }
}
