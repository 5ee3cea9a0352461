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
        // TODO: run the jobs on Vert.x's worker threads, never two at once, each starting only after the
        //  previous one finished, without the event loop waiting for any; complete with the results in list order.
        throw new UnsupportedOperationException("Ex02 not implemented yet: run the jobs on workers, one after another");
    }

    /**
     * Runs every job on the worker pool at the same time (as many as there are free workers)
     * and completes with their results in list order. Call it on {@code context}.
     */
    public static <T> Future<List<T>> sideBySide(Context context, List<Callable<T>> jobs) {
        // TODO: the same jobs, called from the same context, but all in flight at once (as many as there are
        //  free workers); the results in list order, whatever order the jobs finish in.
        throw new UnsupportedOperationException("Ex02 not implemented yet: run the jobs on workers, side by side");
    }
}
