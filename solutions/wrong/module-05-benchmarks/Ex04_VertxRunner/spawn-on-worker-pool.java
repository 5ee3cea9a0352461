// Wrong: spawned units run on the worker pool (executeBlocking) instead of as event-loop tasks
// Caught by: spawnRunsOnTheEventLoop
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
        List<Future<T>> results = new ArrayList<>(units);
        for (int id = 0; id < units; id++) {
            int unit = id;
            results.add(vertx.executeBlocking(() -> work.apply(unit), false));
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
        List<Future<T>> results = new ArrayList<>(units);
        for (int id = 0; id < units; id++) {
            int unit = id;
            results.add(vertx.executeBlocking(() -> work.apply(unit), false));
        }
        return joinAll(results);
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
