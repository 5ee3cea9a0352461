package course.pitfalls.eventloop;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.awaitility.Awaitility.await;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Every call is made from inside one Vert.x context, as a handler would make it: that is where
 * {@code executeBlocking}'s default ordering bites (calls from a non-Vert.x thread each get a new
 * context, so ordering could never show).
 */
@DisplayName("Ex05 · One kind of huge job starving the shared blocking pool")
class Ex05_StarvedWorkerPoolTest {

    private static final int REPORTS = 6;

    /**
     * A small shared pool, so that a few reports fill it; one thread more than REPORT_THREADS, so that a
     * reports' pool created without a size (it gets the shared pool's size) is told apart.
     */
    private static final int SHARED_POOL = Ex05_StarvedWorkerPool.REPORT_THREADS + 1;
    private final Vertx vertx = Vertx.vertx(new VertxOptions().setWorkerPoolSize(SHARED_POOL));

    @AfterEach
    void closeVertx() throws Exception {
        vertx.close().toCompletionStage().toCompletableFuture().get(5, SECONDS);
    }

    @Test
    @Tag("contract:values")
    @Tag("contract:placement")
    @Tag("contract:concurrency")
    @Tag("contract:lifecycle")
    @Tag("contract:event-loop")
    @Timeout(value = 30, unit = SECONDS) // each wait below is for a wrong answer only: a right one passes at once
    @DisplayName("a quick lookup runs while reports fill their own pool of 2, and that pool closes with the service")
    void lookupsAreNotStarvedByReports() throws Exception {
        Context handler = vertx.getOrCreateContext();
        CountDownLatch reportsMayFinish = new CountDownLatch(1);
        CountDownLatch overTheLimit = new CountDownLatch(Ex05_StarvedWorkerPool.REPORT_THREADS + 1);
        AtomicInteger inFlight = new AtomicInteger();
        AtomicInteger peak = new AtomicInteger();
        Set<Thread> reportThreads = ConcurrentHashMap.newKeySet();
        Set<Thread> deliveredOn = ConcurrentHashMap.newKeySet();

        var service = new Ex05_StarvedWorkerPool(vertx);
        try {
            // Six long reports, submitted by one handler: more than the reports' pool and the shared pool hold.
            CompletableFuture<List<String>> reports = onContext(handler, () -> Future.all(IntStream.range(0, REPORTS)
                .mapToObj(i -> service.report(() -> {
                    reportThreads.add(Thread.currentThread());
                    peak.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
                    overTheLimit.countDown();
                    try {
                        // Held until the test lets them go (the limit only frees a test that failed): while the first
                        // two are held, a third can start only in a pool that is too big, whatever the load.
                        reportsMayFinish.await(20, SECONDS);
                        return "report " + i;
                    } finally {
                        inFlight.decrementAndGet();
                    }
                }).onComplete(done -> deliveredOn.add(Thread.currentThread())))
                .toList()).map(all -> all.<String>list()));
            try {
                await().dontCatchUncaughtExceptions().atMost(Duration.ofSeconds(5)).until(() -> peak.get() >= Ex05_StarvedWorkerPool.REPORT_THREADS);
            } catch (ConditionTimeoutException oneAtATime) {
                fail("Ex05: %d reports were submitted from one handler, but at most %d ran at a time although the "
                    + "reports' pool has %d threads: executeBlocking(job) is ordered per context, so each report waited "
                    + "for the one before. Hint: say executeBlocking(job, false)", REPORTS, peak.get(),
                    Ex05_StarvedWorkerPool.REPORT_THREADS);
            }
            try {
                String user = onContext(handler, () -> service.lookup(() -> "user 42")).get(5, SECONDS);
                assertThat(user).as("Ex05: the lookup's own result").isEqualTo("user 42");
            } catch (TimeoutException starved) {
                fail("Ex05: a quick lookup waited more than 5 s behind the reports: the reports filled the pool the lookup "
                    + "runs on (the shared worker pool has " + SHARED_POOL + " threads here, 20 by default). Hint: reports on "
                    + "a WorkerExecutor of their own, vertx.createSharedWorkerExecutor(\"ex05-reports\", REPORT_THREADS); "
                    + "lookups stay on the shared pool");
            }
            assertThat(overTheLimit.await(1, SECONDS))
                .as("Ex05: %d reports ran at once, but the service accepts %d long jobs at a time: the reports' pool is "
                    + "bigger than that (a WorkerExecutor created without a size gets the shared pool's size, 20 by default; "
                    + "a cached pool has no limit). Hint: createSharedWorkerExecutor(name, REPORT_THREADS)",
                    peak.get(), Ex05_StarvedWorkerPool.REPORT_THREADS)
                .isFalse();
            reportsMayFinish.countDown();
            assertThat(reports.get(5, SECONDS))
                .as("Ex05: every report still completes, in its own pool")
                .containsExactly(IntStream.range(0, REPORTS).mapToObj(i -> "report " + i).toArray(String[]::new));
            Thread handlerThread = onContext(handler, () -> Future.succeededFuture(Thread.currentThread())).get(2, SECONDS);
            assertThat(deliveredOn)
                .as("Ex05: the reports' results arrived on %s, not on the handler's event loop %s: a pool outside Vert.x "
                    + "completes the future on its own threads. Hint: a Vert.x WorkerExecutor delivers on the caller's context",
                    deliveredOn, handlerThread.getName())
                .containsOnly(handlerThread);
        } finally {
            reportsMayFinish.countDown();
            service.close();
        }
        if (!allEnd(reportThreads)) {
            fail("Ex05: the service is closed, but the threads that ran its reports are still alive 5 s later (%s): either "
                + "the reports did not run on a pool of their own (the shared pool lives as long as Vert.x), or close() "
                + "leaves that pool open. Hint: reports on vertx.createSharedWorkerExecutor(...), and reports.close() in close()",
                reportThreads.stream().filter(Thread::isAlive).map(Thread::getName).toList());
        }
    }

    @Test
    @Tag("contract:state")
    @Tag("contract:lifecycle")
    @Tag("contract:event-loop")
    @Timeout(value = 30, unit = SECONDS)
    @DisplayName("two services, on two Vert.x instances, each have their own reports' pool: closing one leaves the other working")
    void eachServiceHasItsOwnPool() throws Exception {
        Vertx otherVertx = Vertx.vertx(new VertxOptions().setWorkerPoolSize(SHARED_POOL));
        try {
            var first = new Ex05_StarvedWorkerPool(vertx);
            var second = new Ex05_StarvedWorkerPool(otherVertx);
            Context firstHandler = vertx.getOrCreateContext();
            Context secondHandler = otherVertx.getOrCreateContext();
            assertThat(onContext(firstHandler, () -> first.report(() -> "first")).get(5, SECONDS)).isEqualTo("first");
            first.close();

            // The first service is gone; the second, made on another Vert.x, must not have lost its pool with it.
            String report;
            Set<Thread> secondsThreads = ConcurrentHashMap.newKeySet();
            try {
                report = onContext(secondHandler, () -> second.report(() -> {
                    secondsThreads.add(Thread.currentThread());
                    return "second";
                })).get(5, SECONDS);
            } catch (java.util.concurrent.ExecutionException | TimeoutException | RuntimeException lost) {
                fail("Ex05: two services were made, on two Vert.x instances; after the first was closed, a report on the "
                    + "second failed (" + (lost instanceof java.util.concurrent.ExecutionException ? lost.getCause() : lost)
                    + "): both used one reports' pool, made by the first service (kept in a static field?) and closed with "
                    + "it. Hint: each service creates its pool from its own Vertx in its constructor, and closes it in close()");
                return;
            } finally {
                second.close();
            }
            assertThat(report).as("Ex05: the second service's report").isEqualTo("second");
            if (!allEnd(secondsThreads)) {
                fail("Ex05: the second service is closed, but the thread that ran its report is still alive 5 s later (%s): "
                    + "the reports ran on a pool that does not end with the service (Vert.x's shared pool, or a pool close() "
                    + "leaves open). Hint: reports on vertx.createSharedWorkerExecutor(...), and reports.close() in close()",
                    secondsThreads.stream().map(Thread::getName).toList());
            }
        } finally {
            otherVertx.close().toCompletionStage().toCompletableFuture().get(5, SECONDS);
        }
    }

    @Test
    @Tag("contract:concurrency")
    @Tag("contract:event-loop")
    @Timeout(value = 30, unit = SECONDS)
    @DisplayName("two lookups made by one handler run side by side, while reports fill their own pool")
    void lookupsFromOneHandlerRunSideBySide() throws Exception {
        Context handler = vertx.getOrCreateContext();
        CountDownLatch reportsMayFinish = new CountDownLatch(1);
        AtomicInteger reportsRunning = new AtomicInteger();
        // Each lookup goes on only when both are running at once.
        CyclicBarrier bothLookups = new CyclicBarrier(2);
        var service = new Ex05_StarvedWorkerPool(vertx);
        try {
            onContext(handler, () -> Future.all(IntStream.range(0, REPORTS).mapToObj(i -> service.report(() -> {
                reportsRunning.incrementAndGet();
                reportsMayFinish.await(20, SECONDS);
                return "report " + i;
            })).toList()));
            try {
                await().dontCatchUncaughtExceptions().atMost(Duration.ofSeconds(5))
                    .until(() -> reportsRunning.get() >= Ex05_StarvedWorkerPool.REPORT_THREADS);
            } catch (ConditionTimeoutException oneAtATime) {
                fail("Ex05: %d reports were submitted from one handler, but after 5 s only %d had started although the "
                    + "reports' pool has %d threads: executeBlocking(job) is ordered per context, so each report waits for "
                    + "the one before. Hint: say executeBlocking(job, false)", REPORTS, reportsRunning.get(),
                    Ex05_StarvedWorkerPool.REPORT_THREADS);
            }

            List<String> users;
            try {
                users = onContext(handler, () -> Future.all(IntStream.range(0, 2).mapToObj(i -> service.lookup(() -> {
                    bothLookups.await(5, SECONDS);
                    return "user " + i;
                })).toList()).map(all -> all.<String>list())).get(10, SECONDS);
            } catch (TimeoutException starved) {
                fail("Ex05: two quick lookups made by one handler had not answered after 10 s: they wait behind the reports, "
                    + "which fill the pool the lookups run on (the shared worker pool has " + SHARED_POOL + " threads here, "
                    + "20 by default). Hint: reports on a WorkerExecutor of their own, vertx.createSharedWorkerExecutor("
                    + "\"ex05-reports\", REPORT_THREADS); lookups stay on the shared pool");
                return;
            } catch (ExecutionException oneAfterTheOther) {
                fail("Ex05: two quick lookups made by one handler never ran at the same time: the first waited 5 s for the "
                    + "second and gave up (" + oneAfterTheOther.getCause() + "). Lookups from one context that are ordered "
                    + "(executeBlocking(query), or (query, true)) run one at a time, each behind the one before: one slow "
                    + "lookup holds up every lookup of that handler. Hint: say executeBlocking(query, false) for the lookups too");
                return;
            }
            assertThat(users).as("Ex05: each lookup's own result, in call order").containsExactly("user 0", "user 1");
        } finally {
            reportsMayFinish.countDown();
            service.close();
        }
    }

    /** Whether every thread in {@code threads} has ended, each waited for (join) up to 5 s in all. */
    private static boolean allEnd(Set<Thread> threads) throws InterruptedException {
        long giveUpAt = System.nanoTime() + SECONDS.toNanos(5);
        for (Thread t : threads) {
            t.join(Duration.ofNanos(Math.max(1, giveUpAt - System.nanoTime())));
        }
        return threads.stream().noneMatch(Thread::isAlive);
    }

    /** Runs {@code action} on {@code context}, as a handler would, and hands its outcome to the test thread. */
    private static <T> CompletableFuture<T> onContext(Context context, java.util.function.Supplier<Future<T>> action) {
        CompletableFuture<T> outcome = new CompletableFuture<>();
        context.runOnContext(v -> action.get().onComplete(outcome::complete, outcome::completeExceptionally));
        return outcome;
    }
}
