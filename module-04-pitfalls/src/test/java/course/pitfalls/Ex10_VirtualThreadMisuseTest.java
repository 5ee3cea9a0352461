package course.pitfalls;

import static java.util.concurrent.TimeUnit.MILLISECONDS;
import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import course.pitfalls.support.CpuPoolCheck;
import java.io.File;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.security.CodeSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinWorkerThread;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.Test;

@DisplayName("Ex10 · Virtual threads used like platform threads, and for CPU work")
class Ex10_VirtualThreadMisuseTest {

    @Test
    @Tag("contract:values")
    @Tag("contract:concurrency")
    @Tag("contract:placement")
    @Tag("contract:errors")
    @Timeout(value = 30, unit = SECONDS) // a pool too small is waited for up to 5 s, then its queue runs out
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
        CompletableFuture.allOf(failures.toArray(CompletableFuture[]::new)).handle((all, failure) -> null).get(10, SECONDS);

        AtomicInteger inFlight = new AtomicInteger();
        AtomicInteger peak = new AtomicInteger();
        Set<Thread> callThreads = ConcurrentHashMap.newKeySet();
        AtomicBoolean allSubmitted = new AtomicBoolean();
        AtomicBoolean finishedBeforeAllSubmitted = new AtomicBoolean();
        // Calls hold on until the test lets them go: once every call is submitted and the calls in flight
        // reached the limit (a pool too small never does: the test gives up on it after 5 s) and had a moment
        // to pass it (a missing limit does). Only a caller blocked in callPartner never lets them go: they
        // give up after 5 s of their own, and so finish before the last call is submitted.
        CountDownLatch overTheLimit = new CountDownLatch(limit + 1);
        CountDownLatch release = new CountDownLatch(1);

        List<CompletableFuture<String>> replies = IntStream.range(0, 3 * limit)
            .mapToObj(i -> service.callPartner(() -> {
                callThreads.add(Thread.currentThread());
                peak.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
                try {
                    overTheLimit.countDown();
                    release.await(5, SECONDS);
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
        releaseOnceAtTheLimit(peak, limit, overTheLimit, release);
        try {
            CompletableFuture.allOf(replies.toArray(CompletableFuture[]::new)).get(6, SECONDS);
        } catch (TimeoutException stuck) {
            // Not closed: close() would wait for the stuck calls. Their virtual threads cannot hold up the JVM.
            fail("Ex10: after %d calls that failed, %d of %d later calls were still waiting 6 s after the test let them "
                + "go (each then takes no time): every failed call kept its permit, so the partner's limit shrank to nothing. Hint: release the "
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
    @Tag("contract:placement")
    @Tag("contract:cores")
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
            // As many CPU jobs as cores. Each spins until the waiter has woken up (or 3 s have passed: 60 times the
            // sleep, so only carriers that are never given back, not a busy machine, make them give up).
            List<CompletableFuture<Long>> crunchers = IntStream.range(0, cores)
                .mapToObj(i -> service.crunch(() -> {
                    long giveUpAt = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(3_000);
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
    @Tag("contract:placement")
    @Tag("contract:concurrency")
    @Tag("contract:cores")
    @Tag("contract:lifecycle")
    @Timeout(value = 30, unit = SECONDS) // a pool too small is waited for up to 5 s; a pool left open, 5 s more
    @DisplayName("CPU work runs on platform threads, as many at once as there are cores, never more")
    void cpuWorkUsesOnePlatformThreadPerCore() throws Exception {
        int cores = Runtime.getRuntime().availableProcessors();
        AtomicInteger inFlight = new AtomicInteger();
        AtomicInteger peak = new AtomicInteger();
        Set<Thread> cpuThreads = ConcurrentHashMap.newKeySet();
        // Jobs hold on until the test lets them go: once as many as the cores run together (a pool too small
        // never gets there: the test gives up on it after 5 s) and had a moment to pass them (a pool too big does).
        CountDownLatch overTheCores = new CountDownLatch(cores + 1);
        CountDownLatch release = new CountDownLatch(1);

        try (var service = new Ex10_VirtualThreadMisuse(10)) {
            List<CompletableFuture<Long>> jobs = IntStream.range(0, 2 * cores)
                .mapToObj(i -> service.crunch(() -> {
                    cpuThreads.add(Thread.currentThread());
                    peak.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
                    try {
                        overTheCores.countDown();
                        release.await(10, SECONDS);
                        return (long) i;
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return -1L;
                    } finally {
                        inFlight.decrementAndGet();
                    }
                }))
                .toList();
            try {
                releaseOnceAtTheLimit(peak, cores, overTheCores, release);
            } finally {
                release.countDown();
            }
            CompletableFuture.allOf(jobs.toArray(CompletableFuture[]::new)).get(5, SECONDS);
        }

        List<String> onTheCommonPool = cpuThreads.stream()
            .filter(t -> t instanceof ForkJoinWorkerThread worker && worker.getPool() == ForkJoinPool.commonPool())
            .map(Thread::getName).sorted().toList();
        assertThat(onTheCommonPool)
            .as("Ex10: CPU jobs ran on the JDK's common pool (%s): supplyAsync without an executor. It has one thread fewer "
                + "than the cores (%d here), and it belongs to the whole JVM: every parallel stream and every other "
                + "supplyAsync competes for it, and the service cannot close it. Hint: a platform pool of the service's own, "
                + "Executors.newFixedThreadPool(availableProcessors()), passed to supplyAsync", onTheCommonPool, cores)
            .isEmpty();
        assertThat(cpuThreads.stream().filter(Thread::isVirtual).count())
            .as("Ex10: CPU jobs ran on virtual threads (%s): they hold their carriers and starve every waiting call. Hint: a "
                + "platform pool sized to the cores, Executors.newFixedThreadPool(availableProcessors())", cpuThreads)
            .isZero();
        assertThat(peak.get())
            .as("Ex10: %d CPU jobs ran at once on a machine with %d cores: more busy threads than cores only adds switching "
                + "(a cached pool has no bound, nor has supplyAsync without an executor on a machine whose common pool would "
                + "have fewer than 2 threads: a new thread per job). Hint: Executors.newFixedThreadPool(availableProcessors())",
                peak.get(), cores)
            .isLessThanOrEqualTo(cores);
        assertThat(peak.get())
            .as("Ex10: at most %d CPU jobs ran at once on a machine with %d cores: the pool leaves cores idle. Hint: size it "
                + "with Runtime.getRuntime().availableProcessors(), not a number that fits one machine", peak.get(), cores)
            .isEqualTo(cores);
        // close() returned, so a closed pool's threads are ending: each is waited for (join), up to 5 s in all.
        long giveUp = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        for (Thread t : cpuThreads) {
            t.join(Duration.ofNanos(Math.max(1, giveUp - System.nanoTime())));
        }
        assertThat(cpuThreads.stream().filter(Thread::isAlive).map(Thread::getName).toList())
            .as("Ex10: the service is closed, but the platform threads that ran its CPU work are still alive 5 s later: "
                + "close() leaves the CPU pool open, and its threads outlive the service. Hint: close() closes every "
                + "executor the service made")
            .isEmpty();
    }

    @Test
    @Tag("contract:lifecycle")
    @Tag("contract:concurrency")
    @Timeout(value = 30, unit = SECONDS)
    @DisplayName("close() waits for the partner calls and the CPU work in flight, and cuts none of them off")
    void closeWaitsForTheWorkInFlight() throws Exception {
        int limit = 8;
        int cores = Runtime.getRuntime().availableProcessors();
        CountDownLatch callsInFlight = new CountDownLatch(limit);
        CountDownLatch jobsInFlight = new CountDownLatch(cores);
        CountDownLatch callsMayFinish = new CountDownLatch(1);
        CountDownLatch jobsMayFinish = new CountDownLatch(1);
        AtomicInteger interrupted = new AtomicInteger();
        CountDownLatch closed = new CountDownLatch(1);
        var service = new Ex10_VirtualThreadMisuse(limit);
        List<CompletableFuture<String>> replies;
        List<CompletableFuture<Long>> jobs;
        try {
            replies = IntStream.range(0, limit)
                .mapToObj(i -> service.callPartner(() -> {
                    callsInFlight.countDown();
                    try {
                        callsMayFinish.await(20, SECONDS);
                    } catch (InterruptedException cutOff) {
                        interrupted.incrementAndGet();
                        throw cutOff;
                    }
                    return "reply " + i;
                }))
                .toList();
            jobs = IntStream.range(0, cores)
                .mapToObj(i -> service.crunch(() -> {
                    jobsInFlight.countDown();
                    try {
                        jobsMayFinish.await(20, SECONDS);
                        return (long) i;
                    } catch (InterruptedException cutOff) {
                        interrupted.incrementAndGet();
                        Thread.currentThread().interrupt();
                        return -1L;
                    }
                }))
                .toList();
            assertThat(callsInFlight.await(5, SECONDS))
                .as("Ex10: the partner accepts %d calls at once, but after 5 s only %d of %d calls were in flight: a pool "
                    + "with fewer threads than the limit queues them. Hint: Executors.newVirtualThreadPerTaskExecutor() "
                    + "and a Semaphore(partnerLimit)", limit, limit - callsInFlight.getCount(), limit)
                .isTrue();
            assertThat(jobsInFlight.await(5, SECONDS))
                .as("Ex10: %d CPU jobs on a machine with %d cores, but after 5 s only %d were running: the pool leaves cores "
                    + "idle. Hint: Executors.newFixedThreadPool(availableProcessors())", cores, cores,
                    cores - jobsInFlight.getCount())
                .isTrue();

            // Stopping the service (a daemon, so a close() that never returns cannot hold up the JVM).
            Thread.ofPlatform().daemon().name("ex10-closer").start(() -> {
                service.close();
                closed.countDown();
            });
            boolean returnedWithEverythingInFlight = closed.await(1, SECONDS);
            assertThat(interrupted.get())
                .as("Ex10: close() interrupted %d calls or jobs in flight (shutdownNow(), or closing with interrupts): "
                    + "their callers get an InterruptedException instead of a reply. Hint: close() each executor: it stops "
                    + "new work and waits for the work in flight without interrupting it", interrupted.get())
                .isZero();
            assertThat(returnedWithEverythingInFlight)
                .as("Ex10: close() returned while %d partner calls and %d CPU jobs were still in flight: shutdown() only "
                    + "stops new work, so the service is gone while its work still runs. Hint: close() each executor: close "
                    + "waits for its tasks", limit, cores)
                .isFalse();

            // The partner calls end; the CPU jobs are still running.
            callsMayFinish.countDown();
            for (CompletableFuture<String> reply : replies) {
                reply.handle((value, failure) -> value).get(5, SECONDS);
            }
            assertThat(closed.await(1, SECONDS))
                .as("Ex10: the partner calls were done, and close() returned while %d CPU jobs were still running: it "
                    + "waits for the calls' executor but not for the CPU pool (shutdown() without waiting). Hint: close() "
                    + "the CPU pool too: close waits for its tasks", cores)
                .isFalse();
        } finally {
            callsMayFinish.countDown();
            jobsMayFinish.countDown();
        }
        assertThat(closed.await(5, SECONDS)).as("Ex10: close() returns once the last call and the last job are done").isTrue();
        assertThat(interrupted.get()).as("Ex10: close() interrupted work in flight").isZero();
        for (int i = 0; i < limit; i++) {
            assertThat(replies.get(i).handle((value, failure) -> failure == null ? value : "failed: " + failure).getNow("(no reply yet)"))
                .as("Ex10: close() returned, so every partner call in flight has its reply").isEqualTo("reply " + i);
        }
        for (int i = 0; i < cores; i++) {
            assertThat(jobs.get(i).handle((value, failure) -> failure == null ? value : -3L).getNow(-2L))
                .as("Ex10: close() returned, so every CPU job in flight has its result").isEqualTo((long) i);
        }
    }

    @Test
    @Tag("contract:cores")
    @Tag("contract:concurrency")
    @Timeout(value = 30, unit = SECONDS) // a second JVM starts: seconds on a busy machine
    @DisplayName("on a machine with 3 cores (a second JVM), CPU jobs run 3 at once: the pool follows the cores, whatever they are")
    void cpuPoolFollowsTheCoresOfAnyMachine() throws Exception {
        int cores = 3; // not this machine's count, not a power of two: a pool sized by hand for one machine shows
        List<String> lines = runCpuPoolCheck(cores);
        assertThat(lines).as("Ex10: the child JVM (-XX:ActiveProcessorCount=%d) printed %s", cores, lines)
            .contains("CORES " + cores);
        String peak = lines.stream().filter(line -> line.startsWith("PEAK ")).findFirst().orElse("PEAK (none)");
        assertThat(peak)
            .as("Ex10: on a machine with %d cores, %s CPU jobs ran at once (out of %d): the CPU pool has a size that fits "
                + "one machine, not this one (a number typed in, or a pool without a bound). Hint: "
                + "Executors.newFixedThreadPool(Runtime.getRuntime().availableProcessors())", cores,
                peak.substring("PEAK ".length()), 2 * cores)
            .isEqualTo("PEAK " + cores);
    }

    /**
     * Lets held work go once as much as {@code limit} ran at once, or more: a pool too small gets 5 s to reach the
     * limit, and then the work is given 500 ms more to show one over it. The clock only ever decides for a wrong
     * answer: held work of a right one is let go the moment it reaches the limit, however slowly it got there.
     */
    private static void releaseOnceAtTheLimit(AtomicInteger peak, int limit, CountDownLatch overTheLimit, CountDownLatch release)
            throws InterruptedException {
        try {
            long giveUpAt = System.nanoTime() + SECONDS.toNanos(5);
            while (peak.get() < limit && overTheLimit.getCount() > 0 && System.nanoTime() < giveUpAt) {
                Thread.sleep(5);
            }
            overTheLimit.await(500, MILLISECONDS);
        } finally {
            release.countDown();
        }
    }

    /** Runs {@link CpuPoolCheck} in a child JVM that sees {@code cores} cores; returns its output lines. */
    private static List<String> runCpuPoolCheck(int cores) throws IOException, InterruptedException, URISyntaxException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        // The exercise first (a course check may load it from a folder of its own), then the rest.
        List<String> classPath = new ArrayList<>();
        for (Class<?> needed : List.of(Ex10_VirtualThreadMisuse.class, CpuPoolCheck.class)) {
            CodeSource source = needed.getProtectionDomain().getCodeSource();
            if (source != null && source.getLocation() != null) {
                classPath.add(Path.of(source.getLocation().toURI()).toString());
            }
        }
        classPath.add(System.getProperty("java.class.path"));
        Process child = new ProcessBuilder(java, "-XX:ActiveProcessorCount=" + cores, "-XX:TieredStopAtLevel=1",
            "-cp", String.join(File.pathSeparator, classPath), CpuPoolCheck.class.getName())
            .redirectErrorStream(true)
            .start();
        if (!child.waitFor(25, SECONDS)) {
            child.destroyForcibly().waitFor();
        }
        return List.of(new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8).split("\\R"));
    }
}
