package course.benchmarks;

import java.time.Duration;
import java.util.List;
import java.util.function.IntFunction;

/**
 * Ex02 · A fixed pool sized to the cores: pay for the threads once, reuse them for every unit.
 *
 * <p>The pool's threads are created when the runner is, so a unit costs only a queue hand-off.
 * That is the right shape for CPU work: as many busy threads as cores, no more. It is the wrong
 * shape for waiting: a unit that sleeps holds one of the few threads, so 1,000 waits of 10 ms
 * on 2 threads take 1,000 x 10 / 2 = 5 seconds. The benchmark shows exactly that.
 */
public final class Ex02_FixedPoolRunner implements ScenarioRunner {

    // TODO: give this runner a pool of platform threads, made once and reused by every call. Decide how
    //  many threads: enough to keep every core of the machine it runs on busy with CPU work, and not one
    //  more (laptops have 4 to 16 cores, this one may have 2). The threads must end when the runner is closed.
    //  Stuck? ./mvnw -q -Dcourse="hint Ex02" (or read module-05-benchmarks/hints/).

    @Override
    public <T> List<T> spawn(int units, IntFunction<T> work) throws Exception {
        // TODO: run every unit on the pool, all handed over before you wait for any, results in id order.
        //  Create no thread and no pool here: reusing the runner's threads is the point.
        throw new UnsupportedOperationException("Ex02 not implemented yet: run the units on the runner's own pool of platform threads");
    }

    @Override
    public <T> List<T> waitThen(int units, Duration pause, IntFunction<T> afterWait) throws Exception {
        // TODO: each unit waits `pause` on its pool thread, then returns afterWait.apply(id). (Yes, every
        //  wait blocks one of the few pool threads: measuring that cost is the point.)
        throw new UnsupportedOperationException("Ex02 not implemented yet: each unit waits on a pool thread, then returns afterWait.apply(id)");
    }

    @Override
    public void close() {
        // TODO: see the first TODO: the pool's threads end here.
    }
}
