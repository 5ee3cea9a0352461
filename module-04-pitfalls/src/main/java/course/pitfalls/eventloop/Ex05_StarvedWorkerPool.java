package course.pitfalls.eventloop;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.concurrent.Callable;

/**
 * Ex05 · One kind of huge job starving the shared blocking pool.
 *
 * <p>Every {@code vertx.executeBlocking} in the application shares one worker pool (20 threads
 * by default). A few report jobs that take minutes each can fill it, and then every quick
 * blocking call (a user lookup, a password hash) queues behind them: the service looks hung
 * although its CPUs are idle. A queue is only as fast as the slowest job in front of you.
 */
public final class Ex05_StarvedWorkerPool implements AutoCloseable {

    /** Threads for reports: as many long jobs as we accept at once; the rest queue here, not in the shared pool. */
    static final int REPORT_THREADS = 2;

    private final Vertx vertx;

    public Ex05_StarvedWorkerPool(Vertx vertx) {
        this.vertx = vertx;
    }

    /** A long blocking job (minutes in production). */
    public Future<String> report(Callable<String> job) {
        // TODO: symptom: during the nightly reports every quick lookup times out, with idle CPUs and no
        //  error. The service runs REPORT_THREADS reports at a time (the rest wait their turn), and
        //  whatever it holds for them, close() must give back.
        return vertx.executeBlocking(job, false);
    }

    /** A quick blocking call (milliseconds). */
    public Future<String> lookup(Callable<String> query) {
        return vertx.executeBlocking(query, false);
    }

    @Override
    public void close() {
        // Nothing to release yet.
    }
}
