// Wrong: a ConcurrentHashMap with the same get-then-put: each call is thread-safe, the read-add-write is still three steps
// Caught by: countsLoseNothing
package course.pitfalls;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

public final class Ex08_DataRace {

    private final Map<String, Integer> counts = new ConcurrentHashMap<>();

    public void record(String word) {
        counts.put(word, counts.getOrDefault(word, 0) + 1);
    }

    public int count(String word) {
        return counts.getOrDefault(word, 0);
    }
}
