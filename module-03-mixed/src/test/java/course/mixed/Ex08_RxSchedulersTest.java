package course.mixed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.reactivex.rxjava3.core.Flowable;
import io.reactivex.rxjava3.core.Scheduler;
import io.reactivex.rxjava3.schedulers.Schedulers;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Ex08 · RxJava's way: pick a scheduler for each kind of work")
class Ex08_RxSchedulersTest {

    private static final String IO_THREAD = "RxCachedThreadScheduler-";
    private static final String COMPUTATION_THREAD = "RxComputationThreadPool-";

    @Test
    @DisplayName("eight blocking calls run at once on the I/O scheduler")
    void blockingCallsRunTogetherOnIo() {
        int calls = 8;   // more than the cores: only an elastic pool has a thread for each
        CyclicBarrier allAtOnce = new CyclicBarrier(calls);

        AtomicReference<List<String>> threads = new AtomicReference<>();
        Throwable failure = catchThrowable(() -> threads.set(Flowable.range(0, calls)
            .flatMapSingle(i -> Ex08_RxSchedulers.blockingIo(() -> {
                allAtOnce.await(2, TimeUnit.SECONDS);   // a blocking wait for the other seven
                return Thread.currentThread().getName();
            }))
            .toList().timeout(5, TimeUnit.SECONDS).blockingGet()));

        assertThat(failure)
            .as("Ex08: %d blocking calls should be in flight at once (each waits up to 2 s for the others), but got: %s. "
                + "Hint: Single.fromCallable(call).subscribeOn(Schedulers.io())", calls, failure)
            .isNull();
        assertThat(threads.get()).as("Ex08: blocking calls belong on the I/O scheduler (%sN)", IO_THREAD)
            .allMatch(name -> name.startsWith(IO_THREAD));
    }

    @Test
    @DisplayName("CPU work runs on the computation scheduler")
    void cpuWorkRunsOnComputation() {
        AtomicReference<String> thread = new AtomicReference<>();
        String hash = Ex08_RxSchedulers.cpu(() -> {
            thread.set(Thread.currentThread().getName());
            return Pbkdf2.hash("secret");
        }).timeout(5, TimeUnit.SECONDS).blockingGet();

        assertThat(hash).as("Ex08: the Single should emit the callable's result").isEqualTo(Pbkdf2.hash("secret"));
        assertThat(thread.get())
            .as("Ex08: CPU work belongs on the computation scheduler (one thread per core, %sN); it ran on %s. "
                + "Hint: subscribeOn(Schedulers.computation())", COMPUTATION_THREAD, thread.get())
            .startsWith(COMPUTATION_THREAD);
    }

    @Test
    @DisplayName("load on io(), hash on computation(), result delivered on the caller's scheduler")
    void pipelineHopsSchedulers() {
        AtomicReference<String> loadThread = new AtomicReference<>();
        AtomicReference<String> hashThread = new AtomicReference<>();
        AtomicReference<String> resultThread = new AtomicReference<>();
        ExecutorService callerThread = Executors.newSingleThreadExecutor(Thread.ofPlatform().name("caller").factory());
        try {
            Scheduler caller = Schedulers.from(callerThread);
            String result = Ex08_RxSchedulers.loadHashDeliver(
                    () -> {
                        loadThread.set(Thread.currentThread().getName());
                        return "stored-password";
                    },
                    password -> {
                        hashThread.set(Thread.currentThread().getName());
                        return Pbkdf2.hash(password);
                    },
                    caller)
                .doOnSuccess(r -> resultThread.set(Thread.currentThread().getName()))
                .timeout(5, TimeUnit.SECONDS).blockingGet();

            assertThat(result).as("Ex08: the pipeline should emit hash(load())").isEqualTo(Pbkdf2.hash("stored-password"));
            assertThat(loadThread.get()).as("Ex08: the blocking load should run on io(); it ran on %s", loadThread.get())
                .startsWith(IO_THREAD);
            assertThat(hashThread.get())
                .as("Ex08: the hash should run on computation(); it ran on %s. Hint: observeOn(Schedulers.computation()) before map(hash)",
                    hashThread.get())
                .startsWith(COMPUTATION_THREAD);
            assertThat(resultThread.get())
                .as("Ex08: the result should be delivered on resultScheduler (thread 'caller'); it came on %s. Hint: end with observeOn(resultScheduler)",
                    resultThread.get())
                .isEqualTo("caller");
        } finally {
            callerThread.shutdownNow();
        }
    }

    @Test
    @DisplayName("fifty blocking calls run at once, each on its own virtual thread")
    void blockingCallsOnVirtualThreads() {
        int calls = 50;
        CyclicBarrier allAtOnce = new CyclicBarrier(calls);
        AtomicReference<List<Boolean>> virtual = new AtomicReference<>();
        Throwable failure;
        try (ExecutorService virtualThreads = Executors.newVirtualThreadPerTaskExecutor()) {
            failure = catchThrowable(() -> virtual.set(Flowable.range(0, calls)
                .flatMapSingle(i -> Ex08_RxSchedulers.onVirtualThread(() -> {
                    allAtOnce.await(2, TimeUnit.SECONDS);
                    return Thread.currentThread().isVirtual();
                }, virtualThreads))
                .toList().timeout(5, TimeUnit.SECONDS).blockingGet()));
        }

        assertThat(failure)
            .as("Ex08: %d blocking calls should be in flight at once (each waits up to 2 s for the others), but got: %s. "
                + "Hint: subscribeOn(Schedulers.from(virtualThreads))", calls, failure)
            .isNull();
        assertThat(virtual.get()).as("Ex08: every call should run on a virtual thread of the given executor")
            .hasSize(calls).containsOnly(true);
    }
}
