// Wrong: the CPU units run as event-loop tasks, like spawn: they stall the loop and cannot use a second core
// Caught by: computeRunsInParallelFromInsideOneContext
package course.benchmarks;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;

public final class Ex04_VertxRunner implements ScenarioRunner {

    private static final long GIVE_UP_SECONDS = 60;

    private final Vertx vertx;

    public Ex04_VertxRunner() {
        this(Vertx.vertx());
    }

    public Ex04_VertxRunner(Vertx vertx) {
        this.vertx = vertx;
    }

    @Override
    public <T> List<T> spawn(int units, IntFunction<T> work) throws Exception {
        Context loop = vertx.getOrCreateContext();
        List<Future<T>> results = new ArrayList<>(units);
        for (int id = 0; id < units; id++) {
            int unit = id;
            Promise<T> result = Promise.promise();
            loop.runOnContext(ignored -> result.complete(work.apply(unit)));
            results.add(result.future());
        }
        return joinAll(results);
    }

    @Override
    public <T> List<T> waitThen(int units, Duration pause, IntFunction<T> afterWait) throws Exception {
        List<Future<T>> results = new ArrayList<>(units);
        for (int id = 0; id < units; id++) {
            int unit = id;
            results.add(vertx.timer(pause.toMillis(), TimeUnit.MILLISECONDS).map(ignored -> afterWait.apply(unit)));
        }
        return joinAll(results);
    }

    @Override
    public <T> List<T> compute(int units, IntFunction<T> work) throws Exception {
        return spawn(units, work);
    }

    private static <T> List<T> joinAll(List<Future<T>> futures) throws Exception {
        Future.all(futures).await(GIVE_UP_SECONDS, TimeUnit.SECONDS);
        List<T> results = new ArrayList<>(futures.size());
        for (Future<T> future : futures) {
            results.add(future.result());
        }
        return results;
    }

    @Override
    public void close() {
        vertx.close().await();
    }
}
