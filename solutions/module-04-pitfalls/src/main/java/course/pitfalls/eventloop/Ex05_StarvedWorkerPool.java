package course.pitfalls.eventloop;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import java.util.concurrent.Callable;

/**
 * Ex05 · One kind of huge job starving the shared blocking pool.
 *
 * <p>Every {@code vertx.executeBlocking} in the application shares one worker pool (20 threads
 * by default). A few report jobs that take minutes each can fill it, and then every quick
 * blocking call (a user lookup, a password hash) queues behind them: the service looks hung
 * although its CPUs are idle. A queue is only as fast as the slowest job in front of you.
 *
 * <p>Repaired: the long jobs get a pool of their own, a named {@link WorkerExecutor}. Reports now
 * wait only for other reports; the shared pool stays free for the quick calls. The dedicated pool
 * is a resource: close it with the service.
 */
public final class Ex05_StarvedWorkerPool implements AutoCloseable {

    /** Threads for reports: as many long jobs as we accept at once; the rest queue here, not in the shared pool. */
    static final int REPORT_THREADS = 2;

    private final Vertx vertx;
    private final WorkerExecutor reports;

    public Ex05_StarvedWorkerPool(Vertx vertx) {
        this.vertx = vertx;
        this.reports = vertx.createSharedWorkerExecutor("ex05-reports", REPORT_THREADS);
    }

    /** A long blocking job (minutes in production). */
    public Future<String> report(Callable<String> job) {
        return reports.executeBlocking(job, false);
    }

    /** A quick blocking call (milliseconds). */
    public Future<String> lookup(Callable<String> query) {
        return vertx.executeBlocking(query, false);
    }

    @Override
    public void close() {
        reports.close();
    }
}
