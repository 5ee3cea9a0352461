package course.threads;

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
 */
public final class Ex01_StartAndJoin {

    private Ex01_StartAndJoin() {
    }

    /** Runs {@code work} on a new platform thread and returns what it produced. */
    public static <T> T computeOnNewThread(Supplier<T> work) throws InterruptedException {
        // TODO: run work on a new platform thread and return what it produced. A thread has no
        //  return value, so the result must travel back to the caller, who may read it only once
        //  that thread has ended (null is a possible result).
        throw new UnsupportedOperationException("Ex01 not implemented yet: run work on a new platform thread and return its result");
    }

    /**
     * Runs every piece of work on its own platform thread, all at the same time, and returns the
     * results in the order of {@code works}.
     */
    public static <T> List<T> computeOnNewThreads(List<Supplier<T>> works) throws InterruptedException {
        // TODO: run every work on its own platform thread, all of them at the same time, however
        //  many there are, and return the results in the order of works, whichever finishes first.
        throw new UnsupportedOperationException("Ex01 not implemented yet: run every work on its own thread, all at the same time");
    }
}
