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
 */
public final class Ex08_DataRace {

    private final Map<String, Integer> counts = new HashMap<>();

    /** Records one occurrence of {@code word}; called from many threads at once. */
    public void record(String word) {
        // TODO: symptom: counts a little lower than the traffic under load, never in single-threaded
        //  tests (and a HashMap written by many threads can lose whole keys). This line is read, add, write.
        //  Repair: make the update one atomic step: a ConcurrentHashMap and merge(word, 1, Integer::sum).
        //  (A ConcurrentHashMap with this same get-then-put line still races.)
        counts.put(word, counts.getOrDefault(word, 0) + 1);
    }

    public int count(String word) {
        return counts.getOrDefault(word, 0);
    }
}
