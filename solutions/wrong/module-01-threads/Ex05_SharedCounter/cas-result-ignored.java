// Wrong: check-then-act with compareAndSet whose failure is ignored: when another thread got there first, the increment is dropped
// Caught by: losesNoIncrementUnderContention
package course.threads;

import java.util.concurrent.atomic.AtomicLong;

public final class Ex05_SharedCounter {

    private final AtomicLong count = new AtomicLong();

    public void increment() {
        long seen = count.get();
        if (seen == count.get()) {                                // "nobody changed it, so it is safe"
            count.compareAndSet(seen, seen + 1);                  // false when someone did: increment lost
        }
    }

    public long sum() {
        return count.get();
    }
}
