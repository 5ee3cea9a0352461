// Wrong: a pool of 4 threads hard-coded to the test's count: more than 4 works no longer run at the same time
// Caught by: startsAllBeforeJoiningAny
package course.threads;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
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
        try (ExecutorService pool = Executors.newFixedThreadPool(4)) {
            List<Future<T>> futures = new ArrayList<>();
            for (Supplier<T> work : works) {
                futures.add(pool.submit(work::get));
            }
            List<T> results = new ArrayList<>();
            for (Future<T> future : futures) {
                results.add(future.get());
            }
            return results;
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        }
    }
}
