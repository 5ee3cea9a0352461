// Wrong: record() is synchronized, count() is not: the writes are safe, but a read while the HashMap grows can miss a word that is there
// Caught by: readsWhileOthersWriteSeeEveryWord
package course.pitfalls;

import java.util.HashMap;
import java.util.Map;

public final class Ex08_DataRace {

    private final Map<String, Integer> counts = new HashMap<>();

    public synchronized void record(String word) {
        counts.merge(word, 1, Integer::sum);
    }

    /** "Reads cannot corrupt anything, so they need no lock." */
    public int count(String word) {
        return counts.getOrDefault(word, 0);
    }
}
