package course.pitfalls;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Ex10 · Virtual threads used like platform threads, and for CPU work")
class Ex10_VirtualThreadMisuseTest {

    @Test
    @DisplayName("partner calls each get a new virtual thread, as many at once as the partner allows and never more, even after calls that failed")
    void callsReachTheLimitButNeverExceedIt() throws Exception {
        int limit = 32;
        var service = new Ex10_VirtualThreadMisuse(limit);

        // First, as many calls as the limit, and every one fails.
        List<CompletableFuture<String>> failures = IntStream.range(0, limit)
            .mapToObj(i -> service.callPartner(() -> {
                throw new IOException("partner said 503");
            }))
            .toList();
        CompletableFuture.allOf(failures.toArray(CompletableFuture[]::new)).handle((all, failure) -> null).get(2, SECONDS);

        AtomicInteger inFlight = new AtomicInteger();
        AtomicInteger peak = new AtomicInteger();
        Set<Thread> callThreads = ConcurrentHashMap.newKeySet();
        AtomicBoolean allSubmitted = new AtomicBoolean();
        AtomicBoolean finishedBeforeAllSubmitted = new AtomicBoolean();
        // Calls hold on until one more than the limit are in flight together, or 2 s have passed:
        // a pool too small never gets to `limit`, and a missing limit gets past it.
        CountDownLatch overTheLimit = new CountDownLatch(limit + 1);
        long giveUpAt = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(2_000);

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
                    if (!allSubmitted.get()) {
                        finishedBeforeAllSubmitted.set(true);
                    }
                }
            }))
            .toList();
        allSubmitted.set(true);
        try {
            CompletableFuture.allOf(replies.toArray(CompletableFuture[]::new)).get(6, SECONDS);
        } catch (TimeoutException stuck) {
            // Not closed: close() would wait for the stuck calls. Their virtual threads cannot hold up the JVM.
            fail("Ex10: after %d calls that failed, %d of %d later calls were still waiting after 6 s (each takes at most "
                + "2 s): every failed call kept its permit, so the partner's limit shrank to nothing. Hint: release the "
                + "Semaphore in a finally block", limit, replies.stream().filter(reply -> !reply.isDone()).count(), replies.size());
        }
        service.close();

        assertThat(peak.get())
            .as("Ex10: %d calls were in flight at once, more than the partner's limit of %d: nothing limits the calls as a "
                + "whole (one Semaphore shared by every call is the limit; a new one per call limits nothing). Hint: acquire "
                + "a permit from one Semaphore(partnerLimit) around each call, release it in finally", peak.get(), limit)
            .isLessThanOrEqualTo(limit);
        assertThat(finishedBeforeAllSubmitted)
            .as("Ex10: callPartner returned only after earlier calls had finished: it waited for a permit on the caller's "
                + "thread, so the caller (a request handler, an event loop) blocks whenever the partner is busy. Hint: take "
                + "the permit inside the virtual thread that makes the call, where waiting is cheap")
            .isFalse();
        assertThat(peak.get())
            .as("Ex10: the partner accepts %d calls at once, but your calls ran at most %d at a time: a fixed pool of virtual "
                + "threads is a queue in disguise. Hint: Executors.newVirtualThreadPerTaskExecutor()", limit, peak.get())
            .isGreaterThanOrEqualTo(limit);
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
                + "threads. The JDK's virtual-thread scheduler does not time-slice: a virtual thread keeps its carrier until "
                + "it blocks (the OS still preempts the carriers, but only to run other carriers' work). Hint: run CPU work "
                + "on a platform pool sized to the cores", waiterLateByMillis.get(), cores)
            .isZero();
    }

    @Test
    @DisplayName("CPU work runs on platform threads, as many at once as there are cores, never more")
    void cpuWorkUsesOnePlatformThreadPerCore() throws Exception {
        int cores = Runtime.getRuntime().availableProcessors();
        AtomicInteger inFlight = new AtomicInteger();
        AtomicInteger peak = new AtomicInteger();
        Set<Thread> cpuThreads = ConcurrentHashMap.newKeySet();
        // Jobs hold on until one more than the cores are running together, or 1 s has passed.
        CountDownLatch overTheCores = new CountDownLatch(cores + 1);
        long giveUpAt = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(1_000);

        try (var service = new Ex10_VirtualThreadMisuse(10)) {
            List<CompletableFuture<Long>> jobs = IntStream.range(0, 2 * cores)
                .mapToObj(i -> service.crunch(() -> {
                    cpuThreads.add(Thread.currentThread());
                    peak.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
                    try {
                        overTheCores.countDown();
                        overTheCores.await(Math.max(0, giveUpAt - System.nanoTime()), TimeUnit.NANOSECONDS);
                        return (long) i;
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return -1L;
                    } finally {
                        inFlight.decrementAndGet();
                    }
                }))
                .toList();
            CompletableFuture.allOf(jobs.toArray(CompletableFuture[]::new)).get(5, SECONDS);
        }

        assertThat(cpuThreads.stream().filter(Thread::isVirtual).count())
            .as("Ex10: CPU jobs ran on virtual threads (%s): they hold their carriers and starve every waiting call. Hint: a "
                + "platform pool sized to the cores, Executors.newFixedThreadPool(availableProcessors())", cpuThreads)
            .isZero();
        assertThat(peak.get())
            .as("Ex10: %d CPU jobs ran at once on a machine with %d cores: more busy threads than cores only adds switching "
                + "(a cached pool has no bound). Hint: Executors.newFixedThreadPool(availableProcessors())", peak.get(), cores)
            .isLessThanOrEqualTo(cores);
        assertThat(peak.get())
            .as("Ex10: at most %d CPU jobs ran at once on a machine with %d cores: the pool leaves cores idle. Hint: size it "
                + "with Runtime.getRuntime().availableProcessors(), not a number that fits one machine", peak.get(), cores)
            .isEqualTo(cores);
    }
}
