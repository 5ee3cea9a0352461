package course.benchmarks;

import io.reactivex.rxjava3.core.Observable;
import io.reactivex.rxjava3.core.Single;
import io.reactivex.rxjava3.schedulers.Schedulers;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;

/**
 * Ex05 · RxJava: each unit is a Single, scheduled on the computation scheduler.
 *
 * <p>A Single is a description of work; subscribeOn(computation()) hands it to one of the
 * scheduler's workers (one thread per core, created once). Single.timer waits without holding a
 * thread: the scheduler fires it and the rest of the chain runs on a computation thread. The
 * pieces are cheap, but each unit still allocates a small chain of operator objects.
 *
 * <p>Solution: Observable.range(0, units).concatMapEager(...) subscribes to every unit at once
 * (unbounded for Observable) but emits their results in unit order; blockingGet() waits on the
 * caller's thread, which is not an Rx thread, so it cannot deadlock.
 */
public final class Ex05_RxJavaRunner implements ScenarioRunner {

    @Override
    public <T> List<T> spawn(int units, IntFunction<T> work) {
        return Observable.range(0, units)
            .concatMapEager(id -> Single.fromCallable(() -> work.apply(id))
                .subscribeOn(Schedulers.computation())
                .toObservable())
            .toList()
            .blockingGet();
    }

    @Override
    public <T> List<T> waitThen(int units, Duration pause, IntFunction<T> afterWait) {
        return Observable.range(0, units)
            .concatMapEager(id -> Single.timer(pause.toNanos(), TimeUnit.NANOSECONDS, Schedulers.computation())
                .map(ignored -> afterWait.apply(id))
                .toObservable())
            .toList()
            .blockingGet();
    }
}
