package course.threads;

import course.threads.support.Rendezvous;
import course.threads.support.Starter;
import course.threads.support.TrackingThreadFactory;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.opentest4j.AssertionFailedError;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

@DisplayName("Ex03 · A bounded pool instead of a thread per task, shut down cleanly")
class Ex03_BoundedPoolTest {

    /**
     * Calls runAll, but gives up after 8 s (a right answer needs well under one, its slowest test task
     * waits 5 s at most): a pool that is waited for but never shut down never terminates.
     */
    private static <T> List<T> runAll(List<? extends Callable<T>> tasks, int maxThreads, TrackingThreadFactory factory) {
        return assertTimeoutPreemptively(Duration.ofSeconds(8), () -> Ex03_BoundedPool.runAll(tasks, maxThreads, factory),
            () -> "Ex03: runAll did not return within 8 s, although its tasks were done long before; these pool threads are still alive: "
                + factory.alive() + ". Hint: a pool terminates only once it has been shut down, so awaitTermination() without shutdown() "
                + "waits forever; close() does both, in that order");
    }

    @Tag("contract:placement")
    @Tag("contract:concurrency")
    @Tag("contract:state")
    @ParameterizedTest(name = "maxThreads = {0}")
    @ValueSource(ints = {2, 3})
    @DisplayName("50 tasks run on at most maxThreads threads, all made by the given factory")
    void neverMoreThanMaxThreads(int maxThreads) throws Exception {
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

        runAll(tasks, maxThreads, factory);

        assertThat(factory.created())
            .as("Ex03: a pool of %d should make at most %d threads for 50 tasks and reuse them, but it made %d. "
                + "Hint: a pool of a fixed size takes the tasks from a queue; a cached pool or a thread per task keeps growing",
                maxThreads, maxThreads, factory.created().size())
            .hasSizeBetween(1, maxThreads);
        assertThat(used)
            .as("Ex03: every task should run on a pool thread from the given factory. Hint: pass threadFactory to the pool")
            .allMatch(factory::madeThisThread);
        assertThat(peak.get())
            .as("Ex03: never more than %d tasks in flight at once", maxThreads)
            .isLessThanOrEqualTo(maxThreads);
    }

    @Tag("contract:concurrency")
    @Tag("contract:cores")
    @ParameterizedTest(name = "maxThreads = {0}")
    @MethodSource("concurrentCounts")
    @DisplayName("the pool really runs maxThreads tasks at the same time, whatever the machine's core count")
    void runsMaxThreadsTasksAtOnce(int maxThreads) throws Exception {
        TrackingThreadFactory factory = new TrackingThreadFactory("ex03-pool");
        Rendezvous all = new Rendezvous(maxThreads);
        List<Callable<Boolean>> tasks = IntStream.range(0, maxThreads).<Callable<Boolean>>mapToObj(i -> all::arrive).toList();

        runAll(tasks, maxThreads, factory);

        assertThat(all.allMet())
            .as("Ex03: with maxThreads = %d, %d tasks should run at once (%s), on this %d-core machine as on any other. "
                + "Hint: the caller chooses the bound: size the pool with maxThreads, not with a number of your own or the cores",
                maxThreads, maxThreads, all, Runtime.getRuntime().availableProcessors())
            .isTrue();
    }

    /**
     * 3, 5 and 20, and more than this machine has cores (twice as many plus one, at least 21): a pool sized from
     * the cores instead of maxThreads would otherwise pass on a machine with 20 cores or more.
     */
    static IntStream concurrentCounts() {
        return IntStream.of(3, 5, 20, Math.max(21, 2 * Runtime.getRuntime().availableProcessors() + 1));
    }

    @Tag("contract:values")
    @Test
    @DisplayName("results come back in the order of the tasks, not the order they finish")
    void resultsInTaskOrder() throws Exception {
        TrackingThreadFactory factory = new TrackingThreadFactory("ex03-pool");
        List<Callable<String>> tasks = IntStream.range(0, 6).<Callable<String>>mapToObj(i -> () -> {
            Thread.sleep((6 - i) * 10L);                         // the first task finishes last
            return "task " + i;
        }).toList();

        List<String> results = runAll(tasks, 3, factory);

        assertThat(results)
            .as("Ex03: results should follow the task list. Hint: keep the Futures in task order and read them in that order")
            .containsExactly("task 0", "task 1", "task 2", "task 3", "task 4", "task 5");
    }

    @Tag("contract:lifecycle")
    @Test
    @DisplayName("no pool thread is left alive afterwards")
    void shutsThePoolDown() throws Exception {
        TrackingThreadFactory factory = new TrackingThreadFactory("ex03-pool");
        runAll(List.<Callable<Integer>>of(() -> 1, () -> 2, () -> 3), 2, factory);

        assertThat(factory.allEndWithin(Duration.ofSeconds(5)))
            .as("Ex03: 5 s after runAll returned, these pool threads are still alive: %s. A pool's threads live until it is shut down. "
                + "Hint: ExecutorService is AutoCloseable", factory.alive())
            .isTrue();
    }

    @Tag("contract:errors")
    @Tag("contract:lifecycle")
    @Test
    @DisplayName("when a task fails: its ExecutionException reaches the caller, after the other tasks have finished, and no thread is left")
    void failureClosesThePoolAndWaits() {
        TrackingThreadFactory failing = new TrackingThreadFactory("ex03-failing");
        AtomicBoolean slowSiblingFinished = new AtomicBoolean();
        List<Callable<Integer>> tasks = List.of(
            () -> { throw new IllegalStateException("task 1 broke"); },
            () -> {
                Thread.sleep(300);
                slowSiblingFinished.set(true);
                return 2;
            });

        Throwable thrown = catchThrowable(() -> runAll(tasks, 2, failing));
        if (thrown instanceof AssertionFailedError neverReturned) {
            throw neverReturned;                                  // runAll's own time limit ran out: its message says why
        }
        assertThat(Starter.unlessNotImplemented(thrown))
            .as("Ex03: a failing task should surface as the ExecutionException of its Future.get(), not be wrapped again or lost")
            .isInstanceOf(ExecutionException.class)
            .hasCauseInstanceOf(IllegalStateException.class);
        assertThat(slowSiblingFinished.get())
            .as("Ex03: runAll threw while another task of its pool was still running: shutdown() only stops new tasks, it does not wait. "
                + "Hint: close() shuts the pool down and waits; try-with-resources calls it on every path, the failing one too")
            .isTrue();
        assertThat(failing.allEndWithin(Duration.ofSeconds(5)))
            .as("Ex03: a failing task must not leave pool threads behind either: %s. Hint: close the pool on every path", failing.alive())
            .isTrue();
    }
}
