package course.benchmarks;

import java.time.Duration;
import java.util.List;
import java.util.function.IntFunction;

/**
 * Ex05 · RxJava: each unit is a Single, scheduled on the computation scheduler.
 *
 * <p>A Single is a description of work; subscribeOn(computation()) hands it to one of the
 * scheduler's workers (one thread per core, created once). Single.timer waits without holding a
 * thread: the scheduler fires it and the rest of the chain runs on a computation thread. The
 * pieces are cheap, but each unit still allocates a small chain of operator objects.
 */
public final class Ex05_RxJavaRunner implements ScenarioRunner {

    @Override
    public <T> List<T> spawn(int units, IntFunction<T> work) {
        // TODO: make every unit a Single that runs on the computation scheduler, all of them in flight at
        //  once, and return the results in id order, even when a later unit finishes first. Block only the
        //  caller's thread (never an Rx thread) for the final list.
        //  Stuck? ./mvnw -q -Dcourse="hint Ex05" (or read module-05-benchmarks/hints/).
        throw new UnsupportedOperationException("Ex05 not implemented yet: one Single per unit on the computation scheduler");
    }

    @Override
    public <T> List<T> waitThen(int units, Duration pause, IntFunction<T> afterWait) {
        // TODO: every unit waits `pause` on its own without holding a computation thread (there is one per
        //  core, and others need them meanwhile), then afterWait.apply(id) runs on a computation thread.
        throw new UnsupportedOperationException("Ex05 not implemented yet: each unit waits without holding a computation thread");
    }
}
