// Wrong: the threads add their results to one shared list, so the results come back in the order the threads finish
// Caught by: startsAllBeforeJoiningAny
package course.threads;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.Supplier;

public final class Ex01_StartAndJoin {

    private Ex01_StartAndJoin() {
    }

    public static <T> T computeOnNewThread(Supplier<T> work) throws InterruptedException {
        List<T> holder = new ArrayList<>(1);
        Thread worker = Thread.ofPlatform().start(() -> holder.add(work.get()));
        worker.join();
        return holder.getFirst();
    }

    public static <T> List<T> computeOnNewThreads(List<Supplier<T>> works) throws InterruptedException {
        List<T> results = Collections.synchronizedList(new ArrayList<>());
        List<Thread> threads = new ArrayList<>();
        for (Supplier<T> work : works) {
            threads.add(Thread.ofPlatform().start(() -> results.add(work.get())));
        }
        for (Thread thread : threads) {
            thread.join();
        }
        return results;
    }
}
