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
 * 1,000 times in parallel for about 2 KB of heap each (a parked unit with a shallow stack; the
 * scale probe measures it). It does not make CPU work faster: the carriers are still one per core,
 * and the JDK's scheduler does not time-slice virtual threads (a computing one keeps its carrier
 * until it blocks or ends; the kernel still preempts the carrier thread itself).
 */
public final class Ex03_VirtualThreadRunner implements ScenarioRunner {

    @Override
    public <T> List<T> spawn(int units, IntFunction<T> work) throws Exception {
        // TODO: run every unit on a virtual thread of its own, all alive at once, and return the results in
        //  id order. Nothing may cap how many run at once (10,000 units are 10,000 virtual threads), no
        //  virtual thread is ever reused, and none may outlive the call.
        //  Stuck? ./mvnw -q -Dcourse="hint Ex03" (or read module-05-benchmarks/hints/).
        throw new UnsupportedOperationException("Ex03 not implemented yet: one virtual thread per unit");
    }

    @Override
    public <T> List<T> waitThen(int units, Duration pause, IntFunction<T> afterWait) throws Exception {
        // TODO: each unit waits `pause` on its own virtual thread, then returns afterWait.apply(id). The same
        //  blocking wait as Ex01: on a virtual thread it parks the unit and frees its carrier.
        throw new UnsupportedOperationException("Ex03 not implemented yet: each unit waits on its own virtual thread, then returns afterWait.apply(id)");
    }
}
