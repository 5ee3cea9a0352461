// Wrong: submits a unit and waits for it before submitting the next, so the pool never runs two at once
// Caught by: everyCoreGetsAThread
package course.benchmarks;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.IntFunction;

public final class Ex02_FixedPoolRunner implements ScenarioRunner {

    private final ExecutorService pool = Executors.newFixedThreadPool(Runtime.getRuntime().availableProcessors());

    @Override
    public <T> List<T> spawn(int units, IntFunction<T> work) throws Exception {
        List<T> results = new ArrayList<>(units);
        for (int id = 0; id < units; id++) {
            int unit = id;
            results.add(pool.submit(() -> work.apply(unit)).get());
        }
        return results;
    }

    @Override
    public <T> List<T> waitThen(int units, Duration pause, IntFunction<T> afterWait) throws Exception {
        return spawn(units, id -> {
            ScenarioRunner.blockingSleep(pause);
            return afterWait.apply(id);
        });
    }

    @Override
    public void close() {
        pool.close();
    }
}
