// Wrong: one timer stands in for the per-unit waits: all units are released by the same Single.timer
// Caught by: everyUnitSetsItsOwnTimer
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
        return Single.timer(pause.toNanos(), TimeUnit.NANOSECONDS, Schedulers.computation())
            .flatMapObservable(ignored -> Observable.range(0, units).map(afterWait::apply))
            .toList()
            .blockingGet();
    }
}
