// Wrong: onVirtualThread wraps the executor of its first call in a scheduler and keeps it in a static field: every later call runs on that first executor, whatever it is given (even after it was closed)
// Caught by: eachCallUsesTheExecutorItIsGiven
package course.mixed;

import io.reactivex.rxjava3.core.Scheduler;
import io.reactivex.rxjava3.core.Single;
import io.reactivex.rxjava3.schedulers.Schedulers;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.function.Function;

public final class Ex08_RxSchedulers {

    private Ex08_RxSchedulers() {
    }

    public static <T> Single<T> blockingIo(Callable<T> call) {
        return Single.fromCallable(call).subscribeOn(Schedulers.io());
    }

    public static <T> Single<T> cpu(Callable<T> work) {
        return Single.fromCallable(work).subscribeOn(Schedulers.computation());
    }

    public static Single<String> loadHashDeliver(Callable<String> load, Function<String, String> hash, Scheduler resultScheduler) {
        return blockingIo(load)
            .observeOn(Schedulers.computation())   // from here on: computation threads
            .map(hash::apply)
            .observeOn(resultScheduler);           // and back to where the caller wants it
    }

    /** "Wrapping an executor costs something: do it once." */
    private static Scheduler virtualScheduler;

    public static <T> Single<T> onVirtualThread(Callable<T> call, ExecutorService virtualThreads) {
        synchronized (Ex08_RxSchedulers.class) {
            if (virtualScheduler == null) {
                virtualScheduler = Schedulers.from(virtualThreads);
            }
        }
        return Single.fromCallable(call).subscribeOn(virtualScheduler);
    }
}
