// Wrong: a unit that throws becomes a null in the results: the failure never reaches the caller
// Caught by: aFailingUnitFailsTheCall
package course.benchmarks;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntFunction;

/**
 * Ex03 · One virtual thread per unit: thread-per-unit code at close to task cost.
 *
 * <p>A virtual thread is a Java object scheduled by the JVM onto a few carrier threads (one per
 * core). Creating one allocates a small object, not an OS thread; when it sleeps or blocks on
 * I/O it unmounts and its carrier runs another one. So the same blocking code as Ex01 waits
 * 1,000 times in parallel for about 2 KB of heap each (a parked unit with a shallow stack; the
 * scale probe measures it). It does not make CPU work faster: the carriers are still one per core,
 * and the JDK's scheduler does not time-slice virtual threads (a computing one keeps its carrier
 * until it blocks or ends; the kernel still preempts the carrier thread itself).
 *
 * <p>Solution: a new virtual-thread-per-task executor for each call; closing it waits for every
 * unit, so try-with-resources is the join. No pool: a virtual thread is made for one unit.
 */
public final class Ex03_VirtualThreadRunner implements ScenarioRunner {

    @Override
    public <T> List<T> spawn(int units, IntFunction<T> work) throws Exception {
        try (ExecutorService perUnit = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<T>> futures = new ArrayList<>(units);
            for (int id = 0; id < units; id++) {
                int unit = id;
                futures.add(perUnit.submit(() -> work.apply(unit)));
            }
            List<T> results = new ArrayList<>(units);
            for (Future<T> future : futures) {
                try {
                    results.add(future.get());
                } catch (java.util.concurrent.ExecutionException failed) {
                    results.add(null); // one bad unit should not spoil the benchmark... but now it times work that never happened
                }
            }
            return results;
        }
    }

    @Override
    public <T> List<T> waitThen(int units, Duration pause, IntFunction<T> afterWait) throws Exception {
        // Thread.sleep on a virtual thread parks it and frees its carrier: blocking code, no blocked OS thread.
        return spawn(units, id -> {
            ScenarioRunner.blockingSleep(pause);
            return afterWait.apply(id);
        });
    }
}
