// Wrong: the reports' pool is created once, by the first service, and kept in a static field: a second service (another Vert.x, or after the first was closed) gets a pool that belongs to someone else
// Caught by: eachServiceHasItsOwnPool
package course.pitfalls.eventloop;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import java.util.concurrent.Callable;

public final class Ex05_StarvedWorkerPool implements AutoCloseable {

    static final int REPORT_THREADS = 2;

    /** "One reports' pool for the application": made once, on first use. */
    private static WorkerExecutor reports;

    private final Vertx vertx;

    public Ex05_StarvedWorkerPool(Vertx vertx) {
        this.vertx = vertx;
        synchronized (Ex05_StarvedWorkerPool.class) {
            if (reports == null) {
                reports = vertx.createSharedWorkerExecutor("ex05-reports", REPORT_THREADS);
            }
        }
    }

    public Future<String> report(Callable<String> job) {
        return reports.executeBlocking(job, false);
    }

    public Future<String> lookup(Callable<String> query) {
        return vertx.executeBlocking(query, false);
    }

    @Override
    public void close() {
        reports.close();
    }
}
