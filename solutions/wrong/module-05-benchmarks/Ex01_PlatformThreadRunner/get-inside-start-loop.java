// Wrong: waits for each unit right after starting it, so the units run one after another
// Caught by: waitsElapseAndOverlap
package course.benchmarks;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.FutureTask;
import java.util.function.IntFunction;

public final class Ex01_PlatformThreadRunner implements ScenarioRunner {

    @Override
    public <T> List<T> spawn(int units, IntFunction<T> work) throws Exception {
        List<T> results = new ArrayList<>(units);
        for (int id = 0; id < units; id++) {
            int unit = id;
            FutureTask<T> task = new FutureTask<>(() -> work.apply(unit));
            Thread.ofPlatform().start(task);
            results.add(task.get());
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
}
