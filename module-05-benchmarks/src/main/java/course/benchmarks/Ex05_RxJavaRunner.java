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
        // TODO: Observable.range(0, units)
        //        .concatMapEager(id -> Single.fromCallable(() -> work.apply(id)).subscribeOn(Schedulers.computation()).toObservable())
        //        .toList().blockingGet()
        //  concatMapEager subscribes to every unit at once but emits the results in id order.
        throw new UnsupportedOperationException("Ex05 not implemented yet: one Single per unit on Schedulers.computation()");
    }

    @Override
    public <T> List<T> waitThen(int units, Duration pause, IntFunction<T> afterWait) {
        // TODO: the same shape, with Single.timer(pause.toNanos(), TimeUnit.NANOSECONDS, Schedulers.computation())
        //  .map(ignored -> afterWait.apply(id)) as each unit: a timer, not a sleeping thread.
        throw new UnsupportedOperationException("Ex05 not implemented yet: one Single.timer per unit");
    }
}
