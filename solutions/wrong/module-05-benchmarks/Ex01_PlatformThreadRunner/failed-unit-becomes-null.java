// Wrong: a unit that throws is recorded as a null result: the call returns as if every unit had run, and the benchmark times work that never happened
// Caught by: aFailingUnitFailsTheCall
package course.benchmarks;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
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
        // Wait only after starting them all: waiting inside the loop would run them one by one.
        List<T> results = new ArrayList<>(units);
        for (FutureTask<T> task : tasks) {
            try {
                results.add(task.get());
            } catch (ExecutionException failed) {
                results.add(null); // "one unit failing must not spoil the benchmark"
            }
        }
        return results;
    }

    @Override
    public <T> List<T> waitThen(int units, Duration pause, IntFunction<T> afterWait) throws Exception {
        // A platform thread can only wait by blocking: each sleeping unit holds an OS thread.
        return spawn(units, id -> {
            ScenarioRunner.blockingSleep(pause);
            return afterWait.apply(id);
        });
    }
}
