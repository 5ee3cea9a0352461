// Wrong: atomic counters, but created lazily in a plain HashMap: two threads that meet a new word each put their own counter, and one is lost
// Caught by: newWordsLoseNothing
package course.pitfalls;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

public final class Ex08_DataRace {

    private final Map<String, AtomicInteger> counts = new HashMap<>();

    public void record(String word) {
        counts.computeIfAbsent(word, w -> new AtomicInteger()).incrementAndGet();
    }

    public int count(String word) {
        AtomicInteger count = counts.get(word);
        return count == null ? 0 : count.get();
    }
}
