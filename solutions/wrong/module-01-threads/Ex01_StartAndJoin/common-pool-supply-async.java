// Wrong: hands the work to the common pool (CompletableFuture.supplyAsync) instead of starting a thread of its own
// Caught by: runsOnAnotherThread
package course.threads;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

public final class Ex01_StartAndJoin {

    private Ex01_StartAndJoin() {
    }

    public static <T> T computeOnNewThread(Supplier<T> work) throws InterruptedException {
        return CompletableFuture.supplyAsync(work).join();
    }

    public static <T> List<T> computeOnNewThreads(List<Supplier<T>> works) throws InterruptedException {
        List<CompletableFuture<T>> futures = new ArrayList<>();
        for (Supplier<T> work : works) {
            futures.add(CompletableFuture.supplyAsync(work));
        }
        List<T> results = new ArrayList<>();
        for (CompletableFuture<T> future : futures) {
            results.add(future.join());
        }
        return results;
    }
}
