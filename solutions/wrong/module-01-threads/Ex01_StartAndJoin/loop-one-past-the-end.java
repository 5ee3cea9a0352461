// Wrong: starts one thread too many (i <= works.size()): the extra one dies of an IndexOutOfBoundsException the caller never hears of
// Caught by: noThreadBeyondTheWorks
package course.threads;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Supplier;

/**
 * Ex01 · Start a thread, join it, get its result back.
 *
 * <p>A platform thread is an OS thread: start() hands it to the kernel's scheduler, join()
 * waits for it to end. A thread has no return value of its own, so the result travels back
 * through a variable the thread writes and the caller reads after join(); join() is what makes
 * that write visible (a happens-before edge).
 *
 * <p>With several threads, the order matters: start them all, then join them all. Joining each
 * one right after starting it gives you threads that never run at the same time.
 *
 * <p>Solution note: the holder needs no volatile or lock; join() already orders the worker's
 * write before the caller's read.
 */
public final class Ex01_StartAndJoin {

    private Ex01_StartAndJoin() {
    }

    /** Runs {@code work} on a new platform thread and returns what it produced. */
    public static <T> T computeOnNewThread(Supplier<T> work) throws InterruptedException {
        List<T> holder = new ArrayList<>(1);                      // written by the worker only
        Thread worker = Thread.ofPlatform().start(() -> holder.add(work.get()));
        worker.join();                                            // wait, and see its writes
        return holder.getFirst();
    }

    /**
     * Runs every piece of work on its own platform thread, all at the same time, and returns the
     * results in the order of {@code works}.
     */
    public static <T> List<T> computeOnNewThreads(List<Supplier<T>> works) throws InterruptedException {
        @SuppressWarnings("unchecked")
        T[] results = (T[]) new Object[works.size()];             // one slot per thread: no sharing
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i <= works.size(); i++) {
            int slot = i;
            threads.add(Thread.ofPlatform().start(() -> results[slot] = works.get(slot).get()));
        }
        for (Thread thread : threads) {                           // only now wait for them
            thread.join();
        }
        return Arrays.asList(results);
    }
}
