package course.pitfalls;

import java.util.HashMap;
import java.util.Map;

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
 */
public final class Ex08_DataRace {

    private final Map<String, Integer> counts = new HashMap<>();

    /** Records one occurrence of {@code word}; called from many threads at once. */
    public void record(String word) {
        // TODO: symptom: under load the counts come out a little lower than the traffic, never in
        //  single-threaded tests; and now and then a new word goes missing altogether.
        counts.put(word, counts.getOrDefault(word, 0) + 1);
    }

    public int count(String word) {
        return counts.getOrDefault(word, 0);
    }
}
