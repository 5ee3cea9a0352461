package course.threads;

import course.threads.support.Rendezvous;
import course.threads.support.TrackingThreadFactory;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@DisplayName("Ex03 · A bounded pool instead of a thread per task, shut down cleanly")
class Ex03_BoundedPoolTest {

    @Test
    @DisplayName("50 tasks run on at most 3 threads, all made by the given factory")
    void neverMoreThanMaxThreads() throws Exception {
        TrackingThreadFactory factory = new TrackingThreadFactory("ex03-pool");
        Set<Thread> used = ConcurrentHashMap.newKeySet();
        AtomicInteger inFlight = new AtomicInteger();
        AtomicInteger peak = new AtomicInteger();
        List<Callable<Integer>> tasks = IntStream.range(0, 50).<Callable<Integer>>mapToObj(i -> () -> {
            used.add(Thread.currentThread());
            peak.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
            Thread.sleep(2);
            inFlight.decrementAndGet();
            return i;
        }).toList();

        Ex03_BoundedPool.runAll(tasks, 3, factory);

        assertThat(factory.created())
            .as("Ex03: a pool of 3 should make at most 3 threads for 50 tasks, not one per task. Hint: Executors.newFixedThreadPool(maxThreads, threadFactory)")
            .hasSizeBetween(1, 3);
        assertThat(used)
            .as("Ex03: every task should run on a pool thread from the given factory. Hint: pass threadFactory to the pool")
            .allMatch(factory::madeThisThread);
        assertThat(peak.get())
            .as("Ex03: never more than 3 tasks in flight at once")
            .isLessThanOrEqualTo(3);
    }

    @Test
    @DisplayName("the pool really runs maxThreads tasks at the same time")
    void runsMaxThreadsTasksAtOnce() throws Exception {
        TrackingThreadFactory factory = new TrackingThreadFactory("ex03-pool");
        Rendezvous allThree = new Rendezvous(3);
        List<Callable<Boolean>> tasks = IntStream.range(0, 3).<Callable<Boolean>>mapToObj(i -> allThree::arrive).toList();

        Ex03_BoundedPool.runAll(tasks, 3, factory);

        assertThat(allThree.allMet())
            .as("Ex03: with maxThreads = 3, three tasks should run at once (%s). Hint: a fixed pool of maxThreads, with every task submitted before you wait on any", allThree)
            .isTrue();
    }

    @Test
    @DisplayName("results come back in the order of the tasks, not the order they finish")
    void resultsInTaskOrder() throws Exception {
        TrackingThreadFactory factory = new TrackingThreadFactory("ex03-pool");
        List<Callable<String>> tasks = IntStream.range(0, 6).<Callable<String>>mapToObj(i -> () -> {
            Thread.sleep((6 - i) * 10L);                         // the first task finishes last
            return "task " + i;
        }).toList();

        List<String> results = Ex03_BoundedPool.runAll(tasks, 3, factory);

        assertThat(results)
            .as("Ex03: results should follow the task list. Hint: keep the Futures in a list and get() them in order")
            .containsExactly("task 0", "task 1", "task 2", "task 3", "task 4", "task 5");
    }

    @Test
    @DisplayName("no pool thread is left alive afterwards, even when a task fails")
    void shutsThePoolDown() throws Exception {
        TrackingThreadFactory factory = new TrackingThreadFactory("ex03-pool");
        Ex03_BoundedPool.runAll(List.<Callable<Integer>>of(() -> 1, () -> 2, () -> 3), 2, factory);

        assertThat(factory.allEndWithin(Duration.ofSeconds(2)))
            .as("Ex03: after runAll returns, no pool thread should be alive, but these are: %s. Hint: try (ExecutorService pool = ...) { ... } shuts it down", factory.alive())
            .isTrue();

        TrackingThreadFactory failing = new TrackingThreadFactory("ex03-failing");
        List<Callable<Integer>> tasks = List.of(() -> 1, () -> { throw new IllegalStateException("task 2 broke"); });
        assertThatThrownBy(() -> Ex03_BoundedPool.runAll(tasks, 2, failing))
            .as("Ex03: a failing task should surface as the ExecutionException of its Future.get()")
            .isInstanceOf(ExecutionException.class)
            .hasCauseInstanceOf(IllegalStateException.class);
        assertThat(failing.allEndWithin(Duration.ofSeconds(2)))
            .as("Ex03: a failing task must not leave pool threads behind either: %s. Hint: try-with-resources closes the pool on every path", failing.alive())
            .isTrue();
    }
}
