// Wrong: each unit blocks a computation thread in blockingGet until its timer fires
// Caught by: waitsLeaveTheComputationThreadsFree
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
            .concatMapEager(id -> Single.fromCallable(() -> Single.timer(pause.toNanos(), TimeUnit.NANOSECONDS)
                    .map(ignored -> afterWait.apply(id))
                    .blockingGet())
                .subscribeOn(Schedulers.computation())
                .toObservable())
            .toList()
            .blockingGet();
    }
}
