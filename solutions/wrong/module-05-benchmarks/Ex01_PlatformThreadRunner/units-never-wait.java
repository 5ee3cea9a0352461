// Wrong: waitThen never waits: each unit calls afterWait at once, so the benchmark times starting threads, not waits that overlap
// Caught by: eachUnitWaitsOnItsOwnThread
package course.benchmarks;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.FutureTask;
import java.util.function.IntFunction;

/**
 * Ex01 · One platform thread per unit: the baseline every other runner is compared with.
 *
 * <p>Each unit gets its own OS thread: the kernel creates it, schedules it, and tears it down.
 * That costs tens of microseconds per unit before any work is done, and a waiting unit holds its
 * whole thread (stack, kernel structures) while it sleeps. In exchange it is the simplest model:
 * plain blocking code, real parallelism, no scheduler of our own.
 *
 * <p>Solution: a FutureTask is a Runnable that keeps its unit's result (or exception). Start a
 * thread for every task first, then get() them in order, so the units overlap.
 */
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
            results.add(task.get());
        }
        return results;
    }

    @Override
    public <T> List<T> waitThen(int units, Duration pause, IntFunction<T> afterWait) throws Exception {
        // A platform thread can only wait by blocking: each sleeping unit holds an OS thread.
        return spawn(units, id -> {
            return afterWait.apply(id);
        });
    }
}
