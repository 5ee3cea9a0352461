// Wrong: a dedicated pool, but the lookups were moved onto it too, so they queue behind the reports there
// Caught by: lookupsAreNotStarvedByReports
package course.pitfalls.eventloop;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import java.util.concurrent.Callable;

public final class Ex05_StarvedWorkerPool implements AutoCloseable {

    static final int REPORT_THREADS = 2;

    private final Vertx vertx;
    private final WorkerExecutor reports;

    public Ex05_StarvedWorkerPool(Vertx vertx) {
        this.vertx = vertx;
        this.reports = vertx.createSharedWorkerExecutor("ex05-reports", REPORT_THREADS);
    }

    public Future<String> report(Callable<String> job) {
        return reports.executeBlocking(job, false);
    }

    public Future<String> lookup(Callable<String> query) {
        return reports.executeBlocking(query, false);
    }

    @Override
    public void close() {
        reports.close();
    }
}
