// Wrong: one sleep on the caller stands in for the 1,000 waits; no unit's thread ever waits
// Caught by: eachUnitWaitsOnItsOwnThread
package course.benchmarks;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.FutureTask;
import java.util.function.IntFunction;

public final class Ex01_PlatformThreadRunner implements ScenarioRunner {

    @Override
    public <T> List<T> spawn(int units, IntFunction<T> work) throws Exception {
        List<FutureTask<T>> tasks = new ArrayList<>(units);
        for (int id = 0; id < units; id++) {
            int unit = id;
            FutureTask<T> task = new FutureTask<>(() -> work.apply(unit));
            Thread.ofPlatform().start(task);
            tasks.add(task);
        }
        List<T> results = new ArrayList<>(units);
        for (FutureTask<T> task : tasks) {
            results.add(task.get());
        }
        return results;
    }

    @Override
    public <T> List<T> waitThen(int units, Duration pause, IntFunction<T> afterWait) throws Exception {
        // They all wait the same pause, so why not wait once?
        ScenarioRunner.blockingSleep(pause);
        return spawn(units, afterWait);
    }
}
