// Wrong: hashes on computation() but fetches the load inside it with blockingGet(), so a computation thread sits blocked while the I/O is pending
// Caught by: pipelineHopsSchedulers
package course.mixed;

import io.reactivex.rxjava3.core.Scheduler;
import io.reactivex.rxjava3.core.Single;
import io.reactivex.rxjava3.schedulers.Schedulers;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.function.Function;

/**
 * Ex08 · RxJava's way: pick a scheduler for each kind of work.
 *
 * <p>RxJava runs work on the thread that subscribes unless told otherwise. {@code subscribeOn}
 * chooses where the source runs: {@code Schedulers.io()} for waiting, {@code Schedulers.computation()}
 * (one thread per core) for CPU. {@code io()} is <em>unbounded</em>: it reuses idle threads and
 * otherwise starts a new one, so a spike of 5,000 blocking calls is 5,000 OS threads (module 04's
 * thread-per-request bug). {@code observeOn} moves everything downstream to another scheduler,
 * e.g. back to the caller's. {@code Schedulers.from(executor)} turns any executor into a
 * scheduler, including a virtual-thread-per-task one: cheap threads for blocking calls.
 */
public final class Ex08_RxSchedulers {

    private Ex08_RxSchedulers() {
    }

    /** A blocking call, run on the I/O scheduler when subscribed. */
    public static <T> Single<T> blockingIo(Callable<T> call) {
        return Single.fromCallable(call).subscribeOn(Schedulers.io());
    }

    /** A CPU-bound computation, run on the computation scheduler when subscribed. */
    public static <T> Single<T> cpu(Callable<T> work) {
        return Single.fromCallable(work).subscribeOn(Schedulers.computation());
    }

    /**
     * The pipeline: {@code load} (blocking) on the I/O scheduler, then {@code hash} (CPU) on the
     * computation scheduler, then the result delivered on {@code resultScheduler}.
     */
    public static Single<String> loadHashDeliver(Callable<String> load, Function<String, String> hash, Scheduler resultScheduler) {
        return cpu(() -> hash.apply(blockingIo(load).blockingGet()))
            .observeOn(resultScheduler);
    }

    /** A blocking call, run on a virtual thread of {@code virtualThreads} when subscribed. */
    public static <T> Single<T> onVirtualThread(Callable<T> call, ExecutorService virtualThreads) {
        return Single.fromCallable(call).subscribeOn(Schedulers.from(virtualThreads));
    }
}
