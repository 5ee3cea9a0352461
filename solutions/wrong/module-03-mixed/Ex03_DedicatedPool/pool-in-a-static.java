// Wrong: the dedicated pool is kept in a static field: two services side by side share the last one created, and closing one closes the other's
// Caught by: closingOneServiceLeavesTheOtherWorking
package course.mixed;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import java.util.concurrent.Callable;

public final class Ex03_DedicatedPool {

    public static final String POOL_NAME = "long-jobs";

    public static final int POOL_SIZE = 2;

    private final Vertx vertx;
    /** "One dedicated pool for the application": the last one created. */
    private static WorkerExecutor longJobs;

    public Ex03_DedicatedPool(Vertx vertx) {
        this.vertx = vertx;
        // A shared worker executor: one named pool, however many times this name is created.
        longJobs = vertx.createSharedWorkerExecutor(POOL_NAME, POOL_SIZE);
    }

    public <T> Future<T> runLong(Callable<T> job) {
        return longJobs.executeBlocking(job, false);
    }

    public <T> Future<T> runShort(Callable<T> job) {
        return vertx.executeBlocking(job, false);
    }

    public Future<Void> close() {
        return longJobs.close();
    }
}
