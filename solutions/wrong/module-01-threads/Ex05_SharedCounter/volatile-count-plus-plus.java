// Wrong: volatile count++: every read and write is visible, but the read-add-write is still three steps
// Caught by: losesNoIncrementUnderContention
package course.threads;

public final class Ex05_SharedCounter {

    private volatile long count;

    public void increment() {
        count++;
    }

    public long sum() {
        return count;
    }
}
