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
        // TODO: run every unit (work.apply(id) for id 0..units-1) on a NEW platform thread of its own, all
        //  of them alive at the same time, and return their results in id order. The catch: a thread
        //  returns nothing, and waiting for one result before starting the next unit runs them one by one.
        //  Stuck? ./mvnw -q -Dcourse="hint Ex01" (or read module-05-benchmarks/hints/).
        throw new UnsupportedOperationException("Ex01 not implemented yet: run every unit on a new platform thread of its own, all at once");
    }

    @Override
    public <T> List<T> waitThen(int units, Duration pause, IntFunction<T> afterWait) throws Exception {
        // TODO: each unit waits `pause` on its own thread, then returns afterWait.apply(id). A platform
        //  thread can only wait by blocking (ScenarioRunner.blockingSleep), and every unit must wait, not just one.
        throw new UnsupportedOperationException("Ex01 not implemented yet: each unit waits on its own thread, then returns afterWait.apply(id)");
    }
}
