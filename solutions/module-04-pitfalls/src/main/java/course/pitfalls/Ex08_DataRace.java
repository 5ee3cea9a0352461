package course.pitfalls;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Ex08 · A data race on a shared map.
 *
 * <p>{@code map.put(k, map.get(k) + 1)} is three steps: read, add, write (and so is
 * {@code count++}). Two threads can read the same old value and both write old + 1: one update is
 * lost, silently. javac accepts it, single-threaded tests pass, and the numbers drift a little
 * under load: the hardest kind of bug to see. Java has no {@code Send}/{@code Sync} to refuse it.
 *
 * <p>What the test cannot promise: it sees a race only when the threads really interleave. It runs
 * four writers at once for rounds longer than a scheduler time slice, and every racy map tried so
 * far lost counts in the first round, even on one core; that is a measurement, not a proof.
 *
 * <p>Repaired: the read-modify-write is one atomic step. {@code ConcurrentHashMap.merge} updates a
 * key atomically (for a lone counter: {@code LongAdder} or {@code AtomicLong}). Note that a
 * ConcurrentHashMap alone is not enough: {@code put(k, get(k) + 1)} on it races just the same.
 */
public final class Ex08_DataRace {

    private final Map<String, Integer> counts = new ConcurrentHashMap<>();

    /** Records one occurrence of {@code word}; called from many threads at once. */
    public void record(String word) {
        counts.merge(word, 1, Integer::sum); // read, add and write as one atomic step
    }

    public int count(String word) {
        return counts.getOrDefault(word, 0);
    }
}
