package course.pitfalls;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Ex10 · Virtual threads used like platform threads, and for CPU work")
class Ex10_VirtualThreadMisuseTest {

    @Test
    @DisplayName("partner calls each get a new virtual thread, as many at once as the partner allows, and never more")
    void callsReachTheLimitButNeverExceedIt() throws Exception {
        int limit = 32;
        AtomicInteger inFlight = new AtomicInteger();
        AtomicInteger peak = new AtomicInteger();
        Set<Thread> callThreads = ConcurrentHashMap.newKeySet();
        // Calls hold on until one more than the limit are in flight together, or 1.5 s have passed:
        // a pool too small never gets to `limit`, and a missing limit gets past it.
        CountDownLatch overTheLimit = new CountDownLatch(limit + 1);
        long giveUpAt = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(1_500);

        var service = new Ex10_VirtualThreadMisuse(limit);
        List<CompletableFuture<String>> replies = IntStream.range(0, 3 * limit)
            .mapToObj(i -> service.callPartner(() -> {
                callThreads.add(Thread.currentThread());
                peak.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
                try {
                    overTheLimit.countDown();
                    overTheLimit.await(Math.max(0, giveUpAt - System.nanoTime()), TimeUnit.NANOSECONDS);
                    return "reply " + i;
                } finally {
                    inFlight.decrementAndGet();
                }
            }))
            .toList();
        try {
            CompletableFuture.allOf(replies.toArray(CompletableFuture[]::new)).get(6, SECONDS);
        } catch (TimeoutException stuck) {
            // Not closed: close() would wait for the stuck calls. Their virtual threads cannot hold up the JVM.
            fail("Ex10: %d of %d calls were still waiting after 6 s (each call takes at most 1.5 s): a call that never "
                + "gives its permit back blocks every later one. Hint: release the Semaphore in a finally block",
                replies.stream().filter(reply -> !reply.isDone()).count(), replies.size());
        }
        service.close();

        assertThat(peak.get())
            .as("Ex10: the partner accepts %d calls at once, but your calls ran at most %d at a time: a fixed pool of virtual "
                + "threads is a queue in disguise. Hint: Executors.newVirtualThreadPerTaskExecutor()", limit, peak.get())
            .isGreaterThanOrEqualTo(limit);
        assertThat(peak.get())
            .as("Ex10: %d calls were in flight at once, more than the partner's limit of %d. "
                + "Hint: acquire a permit from a Semaphore(partnerLimit) around each call, release it in finally", peak.get(), limit)
            .isLessThanOrEqualTo(limit);
        long virtualThreads = callThreads.stream().filter(Thread::isVirtual).count();
        assertThat(virtualThreads)
            .as("Ex10: %d calls ran on %d distinct threads, %d of them virtual: a pool (of virtual or platform threads) "
                + "sized to the limit still pools. Virtual threads are cheap: one new virtual thread per call, and the "
                + "Semaphore is the limit. Hint: Executors.newVirtualThreadPerTaskExecutor() plus a Semaphore(partnerLimit)",
                3 * limit, callThreads.size(), virtualThreads)
            .isEqualTo(3L * limit);
    }

    @Test
    @DisplayName("a waiting call wakes up on time while CPU work runs")
    void cpuWorkDoesNotStarveWaitingCalls() throws Exception {
        int cores = Runtime.getRuntime().availableProcessors();
        CountDownLatch waiterWokeUp = new CountDownLatch(1);
        AtomicLong waiterLateByMillis = new AtomicLong(-1);
        AtomicInteger crunchersThatGaveUp = new AtomicInteger();

        try (var service = new Ex10_VirtualThreadMisuse(10)) {
            // A call that waits 50 ms (think: a quick network round trip), started first.
            CompletableFuture<String> waiter = service.callPartner(() -> {
                long wakeAt = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(50);
                Thread.sleep(50);
                waiterLateByMillis.set((System.nanoTime() - wakeAt) / 1_000_000);
                waiterWokeUp.countDown();
                return "pong";
            });
            // As many CPU jobs as cores. Each spins until the waiter has woken up (or 1.5 s have passed).
            List<CompletableFuture<Long>> crunchers = IntStream.range(0, cores)
                .mapToObj(i -> service.crunch(() -> {
                    long giveUpAt = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(1_500);
                    long spins = 0;
                    while (waiterWokeUp.getCount() > 0) {
                        spins++;
                        if (System.nanoTime() > giveUpAt) {
                            crunchersThatGaveUp.incrementAndGet();
                            break;
                        }
                    }
                    return spins;
                }))
                .toList();
            waiter.get(5, SECONDS);
            CompletableFuture.allOf(crunchers.toArray(CompletableFuture[]::new)).get(5, SECONDS);
        }

        assertThat(crunchersThatGaveUp.get())
            .as("Ex10: a call that slept 50 ms woke up %d ms late: %d CPU jobs held every carrier thread of the virtual "
                + "threads, and virtual threads are never preempted. Hint: run CPU work on a platform pool, "
                + "Executors.newFixedThreadPool(availableProcessors())", waiterLateByMillis.get(), cores)
            .isZero();
    }
}
