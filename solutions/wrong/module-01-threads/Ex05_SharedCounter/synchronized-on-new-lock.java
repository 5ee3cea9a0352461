// Wrong: synchronizes on a new object each time, so no two threads ever contend for the same lock
// Caught by: losesNoIncrementUnderContention
package course.threads;

public final class Ex05_SharedCounter {

    private long count;

    public void increment() {
        synchronized (new Object()) {                             // every caller gets its own lock
            count++;
        }
    }

    public long sum() {
        return count;
    }
}
