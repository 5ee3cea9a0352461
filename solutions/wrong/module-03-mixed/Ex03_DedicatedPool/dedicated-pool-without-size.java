// Wrong: creates the dedicated pool without its size, so it gets Vert.x's default of 20 threads instead of POOL_SIZE
// Caught by: dedicatedPoolHasItsSize
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
        // A shared worker executor: one named pool, however many times this name is created.
        this.longJobs = vertx.createSharedWorkerExecutor(POOL_NAME);
    }

    /** Runs a long blocking job on the dedicated pool; long jobs run side by side (unordered). */
    public <T> Future<T> runLong(Callable<T> job) {
        return longJobs.executeBlocking(job, false);
    }

    /** Runs a short blocking job on Vert.x's shared worker pool (unordered). */
    public <T> Future<T> runShort(Callable<T> job) {
        return vertx.executeBlocking(job, false);
    }

    /** Closes the dedicated pool; its threads end. Completes once it is closed. */
    public Future<Void> close() {
        return longJobs.close();
    }
}
