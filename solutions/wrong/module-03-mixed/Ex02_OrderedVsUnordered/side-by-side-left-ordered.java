// Wrong: sideBySide submits with executeBlocking(job): ordered by default, so one context's jobs still run one at a time
// Caught by: unorderedJobsRunTogether
package course.mixed;

import io.vertx.core.Context;
import io.vertx.core.Future;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * Ex02 · Ordered vs unordered executeBlocking.
 *
 * <p>{@code executeBlocking} is <em>ordered</em> by default: the jobs one context submits form a
 * queue and run one after another, each on some worker thread, never two at once. That is safe
 * (no job races its predecessor) and slow when the jobs are independent. You can tell Vert.x that
 * they are, and then they run side by side on as many workers as are free.
 */
public final class Ex02_OrderedVsUnordered {

    private Ex02_OrderedVsUnordered() {
    }

    /**
     * Runs every job on the worker pool, one after another in list order (the default), and
     * completes with their results in list order. Call it on {@code context}.
     */
    public static <T> Future<List<T>> oneAfterAnother(Context context, List<Callable<T>> jobs) {
        // Ordered: the context's queue starts job n+1 only after job n has finished.
        List<Future<T>> results = jobs.stream().map(job -> context.executeBlocking(job)).toList();
        return Future.all(results).map(all -> all.<T>list());
    }

    /**
     * Runs every job on the worker pool at the same time (as many as there are free workers)
     * and completes with their results in list order. Call it on {@code context}.
     */
    public static <T> Future<List<T>> sideBySide(Context context, List<Callable<T>> jobs) {
        // Unordered: each job goes to the pool on its own; Future.all keeps the list order.
        List<Future<T>> results = jobs.stream().map(job -> context.executeBlocking(job)   /* ordered */).toList();
        return Future.all(results).map(all -> all.<T>list());
    }
}
