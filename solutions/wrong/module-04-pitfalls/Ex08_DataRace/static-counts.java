// Wrong: atomic updates on one static map shared by every instance, so each new counter starts with the old one's counts
// Caught by: newWordsLoseNothing
package course.pitfalls;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

public final class Ex08_DataRace {

    private static final Map<String, Integer> COUNTS = new ConcurrentHashMap<>();

    public void record(String word) {
        COUNTS.merge(word, 1, Integer::sum);
    }

    public int count(String word) {
        return COUNTS.getOrDefault(word, 0);
    }
}
