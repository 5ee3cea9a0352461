package course.threads;

import course.threads.support.Rendezvous;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinWorkerThread;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongUnaryOperator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

@DisplayName("Ex10 · Parallel streams and fork/join")
class Ex10_ParallelStreamsTest {

    @Test
    @DisplayName("the sum is right")
    void sumIsRight() throws Exception {
        long n = 1_000_000;

        assertThat(Ex10_ParallelStreams.sumInOwnPool(n, 2, i -> i))
            .as("Ex10: 0 + 1 + ... + (n - 1) = n(n - 1)/2. Hint: LongStream.range(0, n).parallel().map(f).sum()")
            .isEqualTo(n * (n - 1) / 2);
        assertThat(Ex10_ParallelStreams.sumInOwnPool(n, 3, i -> i % 7))
            .as("Ex10: every i in [0, n) should go through f exactly once")
            .isEqualTo(java.util.stream.LongStream.range(0, n).map(i -> i % 7).sum());
    }

    @Test
    @DisplayName("two workers of its own pool (not the common pool) compute at the same time")
    void usesTwoWorkersOfItsOwnPool() throws Exception {
        Rendezvous twoWorkers = new Rendezvous(2);
        Map<Thread, Boolean> computedOn = new ConcurrentHashMap<>();
        AtomicInteger newThreads = new AtomicInteger();
        LongUnaryOperator f = i -> {
            if (computedOn.putIfAbsent(Thread.currentThread(), true) == null && newThreads.incrementAndGet() <= 2) {
                twoWorkers.arrive();                              // the first two threads must overlap
            }
            return i;
        };

        Ex10_ParallelStreams.sumInOwnPool(10_000, 2, f);

        assertThat(twoWorkers.allMet())
            .as("Ex10: two threads should compute parts of the stream at the same time (%s). Hint: .parallel() on the stream, inside a ForkJoinPool of parallelism 2", twoWorkers)
            .isTrue();
        assertThat(computedOn.keySet())
            .as("Ex10: all the work should run on workers of the pool you created (parallelism 2), not on the caller or the common pool. "
                + "Hint: start the stream inside pool.submit(() -> ...)")
            .allMatch(thread -> thread instanceof ForkJoinWorkerThread worker
                && worker.getPool() != ForkJoinPool.commonPool()
                && worker.getPool().getParallelism() == 2);
    }

    @Test
    @DisplayName("the pool is closed afterwards: its workers end")
    void closesItsPool() throws Exception {
        Set<Thread> workers = ConcurrentHashMap.newKeySet();

        Ex10_ParallelStreams.sumInOwnPool(10_000, 2, i -> {
            workers.add(Thread.currentThread());
            return i;
        });

        assertThat(workers)
            .as("Ex10: the work should run on workers of your own pool. Hint: pool.submit(() -> stream...).get()")
            .isNotEmpty()
            .allMatch(thread -> thread instanceof ForkJoinWorkerThread worker && worker.getPool() != ForkJoinPool.commonPool());
        // Idle fork/join workers of a pool that is never shut down linger for 60 s; a closed pool's end at once.
        await("Ex10: the workers of your pool should end once it is closed. Hint: try (ForkJoinPool pool = new ForkJoinPool(parallelism)) { ... }")
            .atMost(Duration.ofSeconds(2))
            .until(() -> workers.stream().noneMatch(Thread::isAlive));
    }

    @Test
    @DisplayName("the common pool's parallelism is cores - 1 (at least 1): 1 on a 2-core machine")
    void commonPoolParallelism() {
        int cores = Runtime.getRuntime().availableProcessors();

        assertThat(Ex10_ParallelStreams.commonPoolParallelism(2))
            .as("Ex10: on 2 cores the common pool has 1 worker; the caller of a parallel stream is the second. Hint: cores - 1")
            .isEqualTo(1);
        assertThat(Ex10_ParallelStreams.commonPoolParallelism(1))
            .as("Ex10: on 1 core the common pool still has 1 worker. Hint: Math.max(1, cores - 1)")
            .isEqualTo(1);
        assertThat(Ex10_ParallelStreams.commonPoolParallelism(8))
            .as("Ex10: on 8 cores, 7 workers plus the caller")
            .isEqualTo(7);
        assertThat(Ex10_ParallelStreams.commonPoolParallelism(cores))
            .as("Ex10: your formula should match ForkJoinPool.commonPool().getParallelism() on this %d-core machine", cores)
            .isEqualTo(ForkJoinPool.commonPool().getParallelism());
    }
}
