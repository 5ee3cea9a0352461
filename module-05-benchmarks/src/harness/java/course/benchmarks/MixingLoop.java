package course.benchmarks;

/**
 * The published CPU unit: a 64-bit mixing loop that never yields (no I/O, no allocation, no
 * await), so a model can only run it faster by running several of them on different cores.
 * Constants and steps as in the published benchmark: {@code cpu_burn} in the crate
 * tokio-vs-thread-spawning of https://github.com/RatulDawar/rust-experiments (the blog post
 * "Async Runtimes vs Threads in Rust: Which Is Better, and When?").
 */
public final class MixingLoop {

    /** The published number of rounds per unit. */
    public static final long PUBLISHED_ROUNDS = 20_000_000L;

    private MixingLoop() {
    }

    /** Mixes {@code rounds} rounds starting from a seed derived from {@code id}. */
    public static long mix(long id, long rounds) {
        long x = id + 0x9E3779B97F4A7C15L;
        for (long round = 0; round < rounds; round++) {
            x ^= round * 0xBF58476D1CE4E5B9L;
            x = Long.rotateLeft(x, 13);
            x *= 0x94D049BB133111EBL;
            x ^= x >>> 17;
        }
        return x;
    }

    /** The published unit count for the CPU scenario: two per core, at least 4. */
    public static int cpuUnits() {
        return Math.max(4, 2 * Runtime.getRuntime().availableProcessors());
    }
}
