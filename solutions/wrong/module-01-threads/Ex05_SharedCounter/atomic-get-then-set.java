// Wrong: an AtomicLong used as get() then set(get + 1): each call is atomic, the pair is not
// Caught by: losesNoIncrementUnderContention
package course.threads;

import java.util.concurrent.atomic.AtomicLong;

public final class Ex05_SharedCounter {

    private final AtomicLong count = new AtomicLong();

    public void increment() {
        long seen = count.get();
        count.set(seen + 1);
    }

    public long sum() {
        return count.get();
    }
}
