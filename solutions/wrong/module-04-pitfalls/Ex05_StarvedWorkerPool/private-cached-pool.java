// Wrong: a private cached thread pool beside Vert.x: the lookups are free, but nothing bounds the reports (a thread per report) and results arrive off the caller's context
// Caught by: lookupsAreNotStarvedByReports
package course.pitfalls.eventloop;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

public final class Ex05_StarvedWorkerPool implements AutoCloseable {

    static final int REPORT_THREADS = 2;

    private final Vertx vertx;
    private final ExecutorService reports = Executors.newCachedThreadPool();

    public Ex05_StarvedWorkerPool(Vertx vertx) {
        this.vertx = vertx;
    }

    public Future<String> report(Callable<String> job) {
        return Future.fromCompletionStage(CompletableFuture.supplyAsync(() -> {
            try {
                return job.call();
            } catch (Exception e) {
                throw new CompletionException(e);
            }
        }, reports));
    }

    public Future<String> lookup(Callable<String> query) {
        return vertx.executeBlocking(query, false);
    }

    @Override
    public void close() {
        reports.close();
    }
}
