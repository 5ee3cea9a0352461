package course.mixed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.reactivex.rxjava3.core.Flowable;
import io.reactivex.rxjava3.core.Scheduler;
import io.reactivex.rxjava3.schedulers.Schedulers;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@DisplayName("Ex08 · RxJava's way: pick a scheduler for each kind of work")
class Ex08_RxSchedulersTest {

    private static final String IO_THREAD = "RxCachedThreadScheduler-";
    private static final String COMPUTATION_THREAD = "RxComputationThreadPool-";
    private static final String GIVEN_VIRTUAL = "given-virtual-";

    @Tag("contract:placement")
    @Tag("contract:concurrency")
    @Test
    @DisplayName("eight blocking calls run at once on the I/O scheduler")
    void blockingCallsRunTogetherOnIo() {
        int calls = 8;   // more than the cores: only an elastic pool has a thread for each
        CyclicBarrier allAtOnce = new CyclicBarrier(calls);

        AtomicReference<List<String>> threads = new AtomicReference<>();
        Throwable failure = catchThrowable(() -> threads.set(Flowable.range(0, calls)
            .flatMapSingle(i -> Ex08_RxSchedulers.blockingIo(() -> {
                allAtOnce.await(3, TimeUnit.SECONDS);   // a blocking wait for the other seven
                return Thread.currentThread().getName();
            }))
            .toList().timeout(5, TimeUnit.SECONDS).blockingGet()));

        assertThat(failure)
            .as("Ex08: %d blocking calls should be in flight at once (each waits up to 3 s for the others), but got: %s. "
                + "A scheduler with one thread per core has too few threads for calls that wait", calls, failure)
            .isNull();
        assertThat(threads.get()).as("Ex08: blocking calls belong on the I/O scheduler (%sN), but ran on %s", IO_THREAD, threads.get())
            .allMatch(name -> name.startsWith(IO_THREAD));
    }

    @Tag("contract:placement")
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
            .as("Ex08: CPU work belongs on the computation scheduler (one thread per core, %sN); it ran on %s. %s",
                COMPUTATION_THREAD, thread.get(), thread.get().startsWith(IO_THREAD)
                    ? "io() is unbounded: it makes a new thread whenever all of its threads are busy, so a burst of CPU jobs "
                        + "there becomes as many threads as jobs, all taking turns on the same cores"
                    : "")
            .startsWith(COMPUTATION_THREAD);
    }

    @Tag("contract:values")
    @Tag("contract:placement")
    @Test
    @DisplayName("load on io(), hash on computation(), result delivered on the caller's scheduler; no computation thread waits for the load")
    void pipelineHopsSchedulers() throws Exception {
        AtomicReference<String> loadThread = new AtomicReference<>();
        AtomicReference<String> hashThread = new AtomicReference<>();
        AtomicReference<String> resultThread = new AtomicReference<>();
        CountDownLatch loadStarted = new CountDownLatch(1);
        CountDownLatch loadMayAnswer = new CountDownLatch(1);
        ExecutorService callerThread = Executors.newSingleThreadExecutor(Thread.ofPlatform().name("caller").factory());
        try {
            Scheduler caller = Schedulers.from(callerThread);
            CompletableFuture<String> result = Ex08_RxSchedulers.loadHashDeliver(
                    () -> {
                        loadThread.set(Thread.currentThread().getName());
                        loadStarted.countDown();
                        loadMayAnswer.await(5, TimeUnit.SECONDS);   // the "I/O" answers when the test has looked around
                        return "stored-password";
                    },
                    password -> {
                        hashThread.set(Thread.currentThread().getName());
                        return Pbkdf2.hash(password);
                    },
                    caller)
                .doOnSuccess(r -> resultThread.set(Thread.currentThread().getName()))
                .timeout(5, TimeUnit.SECONDS)
                .toCompletionStage().toCompletableFuture();

            assertThat(loadStarted.await(5, TimeUnit.SECONDS)).as("Ex08: the load did not start within 5 s of subscribing").isTrue();
            List<String> busyWhileLoading = busyComputationThreadsFor(java.time.Duration.ofMillis(500));
            loadMayAnswer.countDown();
            String hash = result.get(6, TimeUnit.SECONDS);

            assertThat(hash).as("Ex08: the pipeline should emit hash(load())").isEqualTo(Pbkdf2.hash("stored-password"));
            assertThat(loadThread.get()).as("Ex08: the blocking load should run on io(); it ran on %s", loadThread.get())
                .startsWith(IO_THREAD);
            assertThat(busyWhileLoading)
                .as("Ex08: while the load was still waiting for its I/O, computation threads were busy: %s. The computation "
                    + "scheduler has one thread per core; one that sits waiting for a blocking call is a core's worth of "
                    + "CPU work that cannot run meanwhile. Let the pipeline continue on computation() only once the load "
                    + "has emitted, instead of waiting for it there", busyWhileLoading)
                .isEmpty();
            assertThat(hashThread.get())
                .as("Ex08: the hash should run on computation(); it ran on %s. subscribeOn only picks where the source "
                    + "runs (the one closest to the source wins); the operators after a hop run where the items arrive",
                    hashThread.get())
                .startsWith(COMPUTATION_THREAD);
            assertThat(resultThread.get())
                .as("Ex08: the result should be delivered on resultScheduler (thread 'caller'); it came on %s",
                    resultThread.get())
                .isEqualTo("caller");
        } finally {
            callerThread.shutdownNow();
        }
    }

    @Tag("contract:placement")
    @Tag("contract:concurrency")
    @Test
    @DisplayName("fifty blocking calls run at once, each on a virtual thread of the given executor")
    void blockingCallsOnVirtualThreads() {
        int calls = 50;
        CyclicBarrier allAtOnce = new CyclicBarrier(calls);
        AtomicReference<List<String>> threads = new AtomicReference<>();
        Throwable failure;
        try (ExecutorService virtualThreads = Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name(GIVEN_VIRTUAL, 0).factory())) {
            failure = catchThrowable(() -> threads.set(Flowable.range(0, calls)
                .flatMapSingle(i -> Ex08_RxSchedulers.onVirtualThread(() -> {
                    allAtOnce.await(3, TimeUnit.SECONDS);
                    Thread thread = Thread.currentThread();
                    return (thread.isVirtual() ? "virtual " : "platform ") + (thread.getName().isEmpty() ? "(unnamed)" : thread.getName());
                }, virtualThreads))
                .toList().timeout(5, TimeUnit.SECONDS).blockingGet()));
        }

        assertThat(failure)
            .as("Ex08: %d blocking calls should be in flight at once (each waits up to 3 s for the others), but got: %s",
                calls, failure)
            .isNull();
        assertThat(threads.get())
            .as("Ex08: every call should run on a virtual thread of the given executor (virtual %sN), but they ran on %s. "
                + "An executor of your own is one more thing nobody closes", GIVEN_VIRTUAL,
                threads.get().stream().filter(t -> !t.startsWith("virtual " + GIVEN_VIRTUAL)).distinct().limit(3).toList())
            .hasSize(calls).allMatch(t -> t.startsWith("virtual " + GIVEN_VIRTUAL));
    }

    /**
     * Computation threads that were running something (an idle one waits for work inside its pool's getTask) in every
     * sample, taken every 20 ms for {@code watched}, while the load is held by the test. A thread that only passes
     * through (one just started by an operator's timer, on its way to getTask, has no such frame for a moment) is not
     * one that sits waiting for the load: a computation thread blocked on it stays blocked until the test lets the load
     * answer, and shows in every sample.
     */
    private static List<String> busyComputationThreadsFor(java.time.Duration watched) throws InterruptedException {
        java.util.Map<Thread, String> busy = null;
        long until = System.nanoTime() + watched.toNanos();
        do {
            java.util.Map<Thread, String> now = new java.util.HashMap<>();
            Thread.getAllStackTraces().forEach((thread, stack) -> {
                if (thread.getName().startsWith(COMPUTATION_THREAD) && stack.length > 0
                        && Arrays.stream(stack).noneMatch(f -> f.getMethodName().equals("getTask"))) {
                    now.put(thread, thread.getName() + " in " + Arrays.stream(stack)
                        .filter(f -> !f.getClassName().startsWith("java.") && !f.getClassName().startsWith("jdk."))
                        .limit(2).map(f -> f.getClassName() + "." + f.getMethodName()).toList());
                }
            });
            if (busy == null) {
                busy = now;
            } else {
                busy.keySet().retainAll(now.keySet());
                for (Thread thread : busy.keySet()) {
                    busy.put(thread, now.get(thread));
                }
            }
            Thread.sleep(20);
        } while (!busy.isEmpty() && System.nanoTime() < until);
        return busy.values().stream().sorted().toList();
    }

    @Test
    @Tag("contract:state")
    @Tag("contract:placement")
    @DisplayName("each call of onVirtualThread runs on the executor it is given, even after an earlier one was closed")
    void eachCallUsesTheExecutorItIsGiven() throws Exception {
        List<Object> ranOn = new java.util.ArrayList<>();
        for (String name : List.of("ex08-first-", "ex08-second-")) {
            // Each executor is closed before the next call: a scheduler kept from it could only fail or wait.
            try (ExecutorService given = Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name(name, 0).factory())) {
                ranOn.add(catchThrowableOrValue(() -> Ex08_RxSchedulers.onVirtualThread(() -> Thread.currentThread().getName(), given)
                    .timeout(5, TimeUnit.SECONDS).blockingGet()));
            }
        }
        List<String> names = ranOn.stream().map(String::valueOf).toList();
        assertThat(names.get(0).startsWith("ex08-first-") && names.get(1).startsWith("ex08-second-"))
            .as("Ex08: two calls, each given an executor of its own (closed after its call), ran on %s: a scheduler made from "
                + "an earlier call's executor was kept (a static field?) and outlived its call, so later calls run on an "
                + "executor they were not given, one that may be closed by now. Hint: Schedulers.from(virtualThreads) on "
                + "every call: wrapping an executor costs next to nothing", ranOn)
            .isTrue();
    }

    private static Object catchThrowableOrValue(java.util.concurrent.Callable<?> call) {
        try {
            return call.call();
        } catch (Throwable failure) {
            return failure;
        }
    }
}
