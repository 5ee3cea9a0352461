package course.benchmarks;

import java.time.Duration;
import java.util.List;
import java.util.function.IntFunction;

/**
 * Ex03 · One virtual thread per unit: thread-per-unit code at close to task cost.
 *
 * <p>A virtual thread is a Java object scheduled by the JVM onto a few carrier threads (one per
 * core). Creating one allocates a small object, not an OS thread; when it sleeps or blocks on
 * I/O it unmounts and its carrier runs another one. So the same blocking code as Ex01 waits
 * 1,000 times in parallel for a few kilobytes each. It does not make CPU work faster: the
 * carriers are still one per core, and a computing virtual thread is never preempted.
 */
public final class Ex03_VirtualThreadRunner implements ScenarioRunner {

    @Override
    public <T> List<T> spawn(int units, IntFunction<T> work) throws Exception {
        // TODO: open Executors.newVirtualThreadPerTaskExecutor() in a try-with-resources, submit
        //  () -> work.apply(id) for every id, then return each future.get() in id order.
        //  (Closing that executor waits for all its units: it is the join.)
        throw new UnsupportedOperationException("Ex03 not implemented yet: one virtual thread per unit");
    }

    @Override
    public <T> List<T> waitThen(int units, Duration pause, IntFunction<T> afterWait) throws Exception {
        // TODO: reuse spawn: each unit calls ScenarioRunner.blockingSleep(pause), then returns
        //  afterWait.apply(id). On a virtual thread that sleep parks the unit and frees its carrier.
        throw new UnsupportedOperationException("Ex03 not implemented yet: each virtual thread sleeps, then returns afterWait.apply(id)");
    }
}
