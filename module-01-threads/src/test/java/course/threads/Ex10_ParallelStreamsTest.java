package course.threads;

import course.threads.support.Rendezvous;
import course.threads.support.Starter;
import course.threads.support.TrackingThreadFactory;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinWorkerThread;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongUnaryOperator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

@DisplayName("Ex10 · Parallel streams and fork/join")
class Ex10_ParallelStreamsTest {

    @Tag("contract:values")
    @Tag("contract:state")
    @Test
    @DisplayName("the sum is right")
    void sumIsRight() throws Exception {
        long n = 1_000_000;

        assertThat(Ex10_ParallelStreams.sumInOwnPool(n, 2, i -> i))
            .as("Ex10: 0 + 1 + ... + (n - 1) = n(n - 1)/2. Hint: a LongStream over [0, n), mapped with f, summed")
            .isEqualTo(n * (n - 1) / 2);
        assertThat(Ex10_ParallelStreams.sumInOwnPool(n, 3, i -> i % 7))
            .as("Ex10: every i in [0, n) should go through f exactly once")
            .isEqualTo(java.util.stream.LongStream.range(0, n).map(i -> i % 7).sum());
    }

    @Tag("contract:placement")
    @Tag("contract:concurrency")
    @Tag("contract:state")
    @Tag("contract:cores")
    @ParameterizedTest(name = "parallelism {0}")
    @ValueSource(ints = {2, 3})
    @DisplayName("as many workers as the parallelism asked for, of its own pool (not the common pool), compute at the same time")
    void usesTheWorkersOfItsOwnPool(int parallelism) throws Exception {
        Rendezvous allWorkers = new Rendezvous(parallelism);
        Map<Thread, Boolean> computedOn = new ConcurrentHashMap<>();
        AtomicInteger newThreads = new AtomicInteger();
        LongUnaryOperator f = i -> {
            if (computedOn.putIfAbsent(Thread.currentThread(), true) == null && newThreads.incrementAndGet() <= parallelism) {
                allWorkers.arrive();                              // the first `parallelism` threads must overlap
            }
            return i;
        };

        Ex10_ParallelStreams.sumInOwnPool(10_000, parallelism, f);

        assertThat(computedOn.keySet())
            .as("Ex10: all the work should run on workers of a pool you created with parallelism %d, not on the caller, the common pool "
                + "or a pool of another size. Hint: a parallel stream forks into the pool of the task that starts it, so start it from a task "
                + "submitted to your pool", parallelism)
            .allMatch(thread -> thread instanceof ForkJoinWorkerThread worker
                && worker.getPool() != ForkJoinPool.commonPool()
                && worker.getPool().getParallelism() == parallelism);
        assertThat(allWorkers.allMet())
            .as("Ex10: %d threads should compute parts of the stream at the same time (%s). Hint: a stream is sequential unless you ask for parallel",
                parallelism, allWorkers)
            .isTrue();
    }

    @Tag("contract:concurrency")
    @Test
    @DisplayName("uneven work is shared: the slow half of the range is worked on by two workers at once (work stealing, not fixed stripes)")
    void slowHalfIsShared() throws Exception {
        long n = 10_000;
        Rendezvous twoInTheSlowHalf = new Rendezvous(2);
        Set<Thread> seenInSlowHalf = ConcurrentHashMap.newKeySet();
        Set<Thread> seenAnywhere = ConcurrentHashMap.newKeySet();
        LongUnaryOperator f = i -> {
            seenAnywhere.add(Thread.currentThread());
            if (i < n / 2 && seenInSlowHalf.add(Thread.currentThread()) && seenInSlowHalf.size() <= 2) {
                twoInTheSlowHalf.arrive();                        // a second worker must come and help with this half
            }
            return i;
        };

        Ex10_ParallelStreams.sumInOwnPool(n, 2, f);

        assertThat(twoInTheSlowHalf.allMet())
            .as(seenAnywhere.size() <= 1
                ? "Ex10: one thread computed the whole range (%s). Hint: a stream is sequential unless you ask for parallel"
                : "Ex10: while one worker was held up in the first half of the range, no other worker came to help with it (%s): each worker "
                    + "had a fixed stripe, so uneven work cannot balance. Hint: let the fork/join pool split the range into many small tasks that "
                    + "idle workers steal (a parallel stream does this), rather than cutting it into one stripe per worker", twoInTheSlowHalf)
            .isTrue();
    }

    @Tag("contract:lifecycle")
    @Test
    @DisplayName("the pool is closed afterwards: its workers end")
    void closesItsPool() throws Exception {
        Set<Thread> workers = ConcurrentHashMap.newKeySet();

        Ex10_ParallelStreams.sumInOwnPool(10_000, 2, i -> {
            workers.add(Thread.currentThread());
            return i;
        });

        assertThat(workers)
            .as("Ex10: the work should run on workers of your own pool. Hint: start the stream from a task submitted to that pool")
            .isNotEmpty()
            .allMatch(thread -> thread instanceof ForkJoinWorkerThread worker && worker.getPool() != ForkJoinPool.commonPool());
        // Idle fork/join workers of a pool that is never shut down linger for 60 s; a closed pool's end at once.
        assertThat(TrackingThreadFactory.allEndWithin(workers, Duration.ofSeconds(5)))
            .as("Ex10: the workers of your pool are still alive 5 s after the call (idle fork/join workers of an open pool linger for a minute). "
                + "Hint: close the pool before returning; ForkJoinPool is AutoCloseable")
            .isTrue();
    }

    @Tag("contract:errors")
    @Tag("contract:lifecycle")
    @Test
    @DisplayName("a function that throws: its exception reaches the caller, and the pool is closed on that path too")
    void aFailingFunctionReachesTheCaller() {
        Set<Thread> workers = ConcurrentHashMap.newKeySet();
        IllegalStateException bad = new IllegalStateException("no price for item 4242");

        Throwable thrown = Starter.unlessNotImplemented(catchThrowable(() -> Ex10_ParallelStreams.sumInOwnPool(10_000, 2, i -> {
            if (Thread.currentThread() instanceof ForkJoinWorkerThread worker && worker.getPool() != ForkJoinPool.commonPool()) {
                workers.add(worker);                              // the workers of the pool sumInOwnPool made
            }
            if (i == 4_242) {
                throw bad;
            }
            return i;
        })));

        List<Throwable> causes = new ArrayList<>();
        for (Throwable c = thrown; c != null && !causes.contains(c); c = c.getCause()) {
            causes.add(c);
        }
        assertThat(causes)
            .as("Ex10: f threw for item 4242, but sumInOwnPool %s. Hint: the pool's Future.get() throws the stream's failure "
                + "(wrapped in an ExecutionException); let it reach the caller rather than return a sum",
                thrown == null ? "returned a sum as if it had worked" : "threw " + thrown + ", which does not carry f's exception")
            .contains(bad);
        assertThat(TrackingThreadFactory.allEndWithin(workers, Duration.ofSeconds(5)))
            .as("Ex10: after f threw, the workers of your pool are still alive 5 s later (an open pool's idle workers linger for a minute): "
                + "the failure left before the pool was closed. Hint: try-with-resources closes it on the failing path too")
            .isTrue();
    }

    @Tag("contract:values")
    @Tag("contract:cores")
    @Test
    @DisplayName("the common pool's parallelism is cores - 1 (at least 1): 1 on a 2-core machine")
    void commonPoolParallelism() {
        int cores = Runtime.getRuntime().availableProcessors();

        assertThat(Ex10_ParallelStreams.commonPoolParallelism(2))
            .as("Ex10: on 2 cores the common pool has 1 worker; the caller of a parallel stream is the second. Hint: the caller counts as one worker")
            .isEqualTo(1);
        assertThat(Ex10_ParallelStreams.commonPoolParallelism(1))
            .as("Ex10: on 1 core the common pool still has 1 worker, never 0. Hint: a lower bound")
            .isEqualTo(1);
        assertThat(Ex10_ParallelStreams.commonPoolParallelism(8))
            .as("Ex10: on 8 cores, 7 workers plus the caller. Hint: compute it from the cores argument; do not read this machine's common pool")
            .isEqualTo(7);
        assertThat(Ex10_ParallelStreams.commonPoolParallelism(cores))
            .as("Ex10: your formula should match ForkJoinPool.commonPool().getParallelism() on this %d-core machine", cores)
            .isEqualTo(ForkJoinPool.commonPool().getParallelism());
    }
}
