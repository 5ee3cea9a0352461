package course.mixed;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import java.util.concurrent.Callable;

/**
 * Ex03 · A dedicated worker pool for long jobs, so short ones are not starved.
 *
 * <p>Every {@code vertx.executeBlocking} in the application shares one worker pool (20
 * threads by default). A few long jobs (a report, an export, a batch of hashes) can occupy all
 * of it, and then every short blocking call waits behind them. A named
 * {@link WorkerExecutor} is a separate pool: the long jobs queue there and can only ever
 * take its threads.
 */
public final class Ex03_DedicatedPool {

    /** The dedicated pool's name; Vert.x names its threads {@code long-jobs-0, long-jobs-1, ...}. */
    public static final String POOL_NAME = "long-jobs";

    /** How many long jobs may run at once. */
    public static final int POOL_SIZE = 2;

    private final Vertx vertx;
    private final WorkerExecutor longJobs;

    /** Creates the dedicated pool for long jobs. */
    public Ex03_DedicatedPool(Vertx vertx) {
        this.vertx = vertx;
        // TODO: long jobs must never take the threads short jobs need, and at most POOL_SIZE of them may run
        //  at once: give them a home of their own, named POOL_NAME (its threads show as long-jobs-N).
        this.longJobs = null;
    }

    /** Runs a long blocking job on the dedicated pool; long jobs run side by side (unordered). */
    public <T> Future<T> runLong(Callable<T> job) {
        // TODO: run the job in the long jobs' home; several long jobs from one handler run side by side.
        throw new UnsupportedOperationException("Ex03 not implemented yet: run long jobs in a pool of their own");
    }

    /** Runs a short blocking job on Vert.x's shared worker pool (unordered). */
    public <T> Future<T> runShort(Callable<T> job) {
        // TODO: run the job on Vert.x's shared worker pool; several short jobs from one handler run side by side.
        throw new UnsupportedOperationException("Ex03 not implemented yet: run short jobs on the shared worker pool");
    }

    /** Closes the dedicated pool; its threads end. Completes once it is closed. */
    public Future<Void> close() {
        // TODO: release the long jobs' home so its threads end; complete once it is closed.
        throw new UnsupportedOperationException("Ex03 not implemented yet: close the long jobs' pool");
    }
}
