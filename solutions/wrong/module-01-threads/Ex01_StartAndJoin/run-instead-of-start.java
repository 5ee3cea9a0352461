// Wrong: calls run() instead of start(), so every work runs on the caller's thread, one after another
// Caught by: runsOnAnotherThread
package course.threads;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Supplier;

public final class Ex01_StartAndJoin {

    private Ex01_StartAndJoin() {
    }

    public static <T> T computeOnNewThread(Supplier<T> work) throws InterruptedException {
        List<T> holder = new ArrayList<>(1);
        Thread worker = Thread.ofPlatform().unstarted(() -> holder.add(work.get()));
        worker.run();                                             // runs the Runnable right here
        worker.join();                                            // never started: returns at once
        return holder.getFirst();
    }

    public static <T> List<T> computeOnNewThreads(List<Supplier<T>> works) throws InterruptedException {
        @SuppressWarnings("unchecked")
        T[] results = (T[]) new Object[works.size()];
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < works.size(); i++) {
            int slot = i;
            Thread thread = Thread.ofPlatform().unstarted(() -> results[slot] = works.get(slot).get());
            thread.run();
            threads.add(thread);
        }
        for (Thread thread : threads) {
            thread.join();
        }
        return Arrays.asList(results);
    }
}
