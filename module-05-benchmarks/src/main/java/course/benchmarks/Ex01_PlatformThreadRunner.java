package course.benchmarks;

import java.time.Duration;
import java.util.List;
import java.util.function.IntFunction;

/**
 * Ex01 · One platform thread per unit: the baseline every other runner is compared with.
 *
 * <p>Each unit gets its own OS thread: the kernel creates it, schedules it, and tears it down.
 * That costs tens of microseconds per unit before any work is done, and a waiting unit holds its
 * whole thread (stack, kernel structures) while it sleeps. In exchange it is the simplest model:
 * plain blocking code, real parallelism, no scheduler of our own.
 */
public final class Ex01_PlatformThreadRunner implements ScenarioRunner {

    @Override
    public <T> List<T> spawn(int units, IntFunction<T> work) throws Exception {
        // TODO: for each id 0..units-1, wrap () -> work.apply(id) in a java.util.concurrent.FutureTask
        //  (a Runnable that keeps its result) and start a platform thread on it: Thread.ofPlatform().start(task).
        //  Start ALL the threads first, then task.get() each task in id order and return the results.
        throw new UnsupportedOperationException("Ex01 not implemented yet: one platform thread per unit, start them all, then collect");
    }

    @Override
    public <T> List<T> waitThen(int units, Duration pause, IntFunction<T> afterWait) throws Exception {
        // TODO: reuse spawn: each unit calls ScenarioRunner.blockingSleep(pause) (a platform thread can
        //  only wait by blocking), then returns afterWait.apply(id).
        throw new UnsupportedOperationException("Ex01 not implemented yet: each unit's thread sleeps, then returns afterWait.apply(id)");
    }
}
