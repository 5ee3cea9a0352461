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
        // TODO: start a platform thread (Thread.ofPlatform().start(...)) that stores work.get()
        //  in a holder (e.g. a one-element array or an AtomicReference), join() it, and return
        //  the stored value.
        throw new UnsupportedOperationException("Ex01 not implemented yet: run work on a new thread, join it, return its result");
    }

    /**
     * Runs every piece of work on its own platform thread, all at the same time, and returns the
     * results in the order of {@code works}.
     */
    public static <T> List<T> computeOnNewThreads(List<Supplier<T>> works) throws InterruptedException {
        // TODO: first loop: start one thread per work, each storing its result in its own slot
        //  (an array indexed like works). Second loop: join every thread. Then return the slots
        //  as a list (List.of does not accept nulls; Arrays.asList does).
        throw new UnsupportedOperationException("Ex01 not implemented yet: start every thread first, then join them all");
    }
}
