// Wrong: a plain long and count++: read, add, write, so two threads can both write the same value + 1
// Caught by: losesNoIncrementUnderContention
package course.threads;

public final class Ex05_SharedCounter {

    private long count;

    public void increment() {
        count++;
    }

    public long sum() {
        return count;
    }
}
