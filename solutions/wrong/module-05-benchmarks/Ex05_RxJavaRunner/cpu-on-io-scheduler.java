// Wrong: the CPU units run on Schedulers.io(), a growing pool meant for blocking calls, instead of the cores-sized computation scheduler
// Caught by: computeRunsInParallelAndMatchesTheReference
package course.benchmarks;

import io.reactivex.rxjava3.core.Observable;
import io.reactivex.rxjava3.core.Single;
import io.reactivex.rxjava3.schedulers.Schedulers;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;

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

    @Override
    public <T> List<T> compute(int units, IntFunction<T> work) {
        // CPU work is "heavy", so give it the big pool.
        return Observable.range(0, units)
            .concatMapEager(id -> Single.fromCallable(() -> work.apply(id))
                .subscribeOn(Schedulers.io())
                .toObservable())
            .toList()
            .blockingGet();
    }
}
