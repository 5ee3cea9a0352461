// Wrong: merge is the right call, on the wrong map: HashMap.merge is not atomic
// Caught by: newWordsLoseNothing
package course.pitfalls;

import java.util.HashMap;
import java.util.Map;

public final class Ex08_DataRace {

    private final Map<String, Integer> counts = new HashMap<>();

    public void record(String word) {
        counts.merge(word, 1, Integer::sum);
    }

    public int count(String word) {
        return counts.getOrDefault(word, 0);
    }
}
