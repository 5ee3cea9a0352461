package course.threads;

import course.threads.support.Rendezvous;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("Ex09 · Virtual threads: the same blocking code, ten thousand at a time")
class Ex09_VirtualThreadsTest {

    @Tag("contract:placement")
    @Tag("contract:concurrency")
    @Tag("contract:cores")
    @Test
    @Timeout(60)
    @DisplayName("10,000 blocking waits are all in progress at once, each on its own virtual thread")
    void tenThousandWaitsAtOnce() throws Exception {
        int count = 10_000;
        Rendezvous allWaiting = new Rendezvous(count, Duration.ofSeconds(15));   // a busy machine starts 10,000 slowly
        List<Callable<Thread>> tasks = IntStream.range(0, count).<Callable<Thread>>mapToObj(i -> () -> {
            if (allWaiting.arrive()) {                           // all 10,000 must be here together...
                Thread.sleep(100);                                // ...then the same blocking wait for each
            }
            return Thread.currentThread();
        }).toList();

        long start = System.nanoTime();
        List<Thread> ranOn = Ex09_VirtualThreads.runAllOnVirtualThreads(tasks);
        Duration took = Duration.ofNanos(System.nanoTime() - start);

        assertThat(ranOn)
            .as("Ex09: every task should run on a virtual thread. Hint: Executors.newVirtualThreadPerTaskExecutor()")
            .hasSize(count)
            .allMatch(Thread::isVirtual);
        assertThat(new HashSet<>(ranOn))
            .as("Ex09: one virtual thread per task, never reused. Hint: do not pool virtual threads")
            .hasSize(count);
        assertThat(allWaiting.allMet())
            .as("Ex09: all 10,000 tasks should be waiting at the same moment (%s). Hint: submit them all (invokeAll) to a virtual-thread-per-task executor", allWaiting)
            .isTrue();
        // A pool of 2 platform threads would need 500 s; the bound leaves a wide margin for a loaded machine.
        assertThat(took)
            .as("Ex09: 10,000 overlapping 100 ms waits should take about 100 ms plus start-up, not minutes (took %d ms)", took.toMillis())
            .isLessThan(Duration.ofSeconds(30));
    }

    @Tag("contract:values")
    @Test
    @DisplayName("results come back in task order")
    void resultsInTaskOrder() throws Exception {
        List<Callable<String>> tasks = IntStream.range(0, 5).<Callable<String>>mapToObj(i -> () -> {
            Thread.sleep((5 - i) * 20L);                         // the first task finishes last
            return "wait " + i;
        }).toList();

        assertThat(Ex09_VirtualThreads.runAllOnVirtualThreads(tasks))
            .as("Ex09: results[i] should be the result of tasks[i]. Hint: get() the futures in task order")
            .containsExactly("wait 0", "wait 1", "wait 2", "wait 3", "wait 4");
    }

    @Tag("contract:values")
    @Test
    @DisplayName("the arithmetic of the alternative: 10,000 waits of 100 ms on 2 platform threads take 500 s")
    void platformPoolArithmetic() {
        assertThat(Ex09_VirtualThreads.timeOnPlatformPool(10_000, Duration.ofMillis(100), 2))
            .as("Ex09: a pool of 2 runs the 10,000 waits in 5,000 rounds of 100 ms. Hint: rounds = tasks / poolThreads, rounded up")
            .isEqualTo(Duration.ofSeconds(500));
        assertThat(Ex09_VirtualThreads.timeOnPlatformPool(10, Duration.ofMillis(100), 4))
            .as("Ex09: 10 waits on 4 threads take 3 rounds (4 + 4 + 2): a partial round still costs a full wait. Hint: (tasks + poolThreads - 1) / poolThreads")
            .isEqualTo(Duration.ofMillis(300));
    }
}
