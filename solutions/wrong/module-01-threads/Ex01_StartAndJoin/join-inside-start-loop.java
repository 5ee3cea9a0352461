// Wrong: joins each thread right after starting it, so the threads never run at the same time
// Caught by: startsAllBeforeJoiningAny
package course.threads;

import java.util.ArrayList;
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
        List<T> results = new ArrayList<>();
        for (Supplier<T> work : works) {
            results.add(computeOnNewThread(work));               // start, join, next: one at a time
        }
        return results;
    }
}
