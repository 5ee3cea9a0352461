// Wrong: half-repair: sideBySide leaves its first job ordered: one call still overlaps, but a second sideBySide from the same context queues behind the first
// Caught by: twoSideBySideCallsOverlap
package course.mixed;

import io.vertx.core.Context;
import io.vertx.core.Future;
import java.util.List;
import java.util.concurrent.Callable;

public final class Ex02_OrderedVsUnordered {

    private Ex02_OrderedVsUnordered() {
    }

    public static <T> Future<List<T>> oneAfterAnother(Context context, List<Callable<T>> jobs) {
        // Ordered: the context's queue starts job n+1 only after job n has finished.
        List<Future<T>> results = jobs.stream().map(job -> context.executeBlocking(job)).toList();
        return Future.all(results).map(all -> all.<T>list());
    }

    public static <T> Future<List<T>> sideBySide(Context context, List<Callable<T>> jobs) {
        // Unordered: each job goes to the pool on its own; Future.all keeps the list order.
        List<Future<T>> results = new java.util.ArrayList<>();
        for (int i = 0; i < jobs.size(); i++) {
            // The first job keeps its place in line; the others may overlap it.
            results.add(context.executeBlocking(jobs.get(i), i == 0));
        }
        return Future.all(results).map(all -> all.<T>list());
    }
}
