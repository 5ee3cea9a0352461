// Wrong: error path: each unit ends with onErrorComplete() "so one bad unit does not kill the run": a unit that throws simply disappears from the results
// Caught by: aFailingUnitFailsTheCall
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
                .toObservable()
                .onErrorComplete())
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
