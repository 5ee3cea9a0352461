package course.mixed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import course.mixed.support.OnContext;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.IntStream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(VertxExtension.class)
@DisplayName("Ex02 · Ordered vs unordered executeBlocking")
class Ex02_OrderedVsUnorderedTest {

    private static final int JOBS = 4;
    private static final String WORKER = "vert.x-worker-thread-";

    @Tag("contract:values")
    @Tag("contract:placement")
    @Tag("contract:concurrency")
    @Tag("contract:event-loop")
    @Test
    @DisplayName("ordered jobs run one at a time, in submission order, on worker threads")
    void orderedJobsNeverOverlap(Vertx vertx) throws Exception {
        Context context = vertx.getOrCreateContext();
        AtomicInteger inFlight = new AtomicInteger();
        AtomicInteger peak = new AtomicInteger();
        CountDownLatch secondJobStarted = new CountDownLatch(2);
        long madeBefore = Thread.ofPlatform().unstarted(() -> { }).threadId();   // ids are handed out in creation order
        List<Integer> startOrder = new CopyOnWriteArrayList<>();
        List<String> threads = new CopyOnWriteArrayList<>();
        List<Callable<String>> jobs = IntStream.range(0, JOBS).<Callable<String>>mapToObj(i -> () -> {
            peak.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
            startOrder.add(i);
            threads.add(Thread.currentThread().getName());
            secondJobStarted.countDown();
            if (i == 0) {
                // Jobs handed to the worker pool get a worker thread at once (the pool makes one per job while it has
                // fewer than its size), ordered ones only when their turn comes. Once oneAfterAnother's turn on the loop
                // is over, every job it submitted has been handed on: if other workers of this test exist, a second job
                // is on its way, and it is given 3 s to show; if not, job 0 waits only a moment.
                if (!io.vertx.core.Context.isOnEventLoopThread()) {
                    CountDownLatch turnOver = new CountDownLatch(1);
                    context.runOnContext(v -> turnOver.countDown());
                    turnOver.await(5, TimeUnit.SECONDS);
                }
                long workers = Thread.getAllStackTraces().keySet().stream()
                    .filter(t -> t.threadId() > madeBefore && t.getName().startsWith(WORKER)).count();
                secondJobStarted.await(workers > 1 ? 3_000 : 500, TimeUnit.MILLISECONDS);
            }
            inFlight.decrementAndGet();
            return "job-" + i;
        }).toList();

        List<String> results = OnContext.call(context, () -> Ex02_OrderedVsUnordered.oneAfterAnother(context, jobs))
            .await(8, TimeUnit.SECONDS);

        assertThat(results).as("Ex02: the results should come back in list order").containsExactly("job-0", "job-1", "job-2", "job-3");
        assertThat(threads)
            .as("Ex02: the jobs should run on Vert.x's worker threads (%sN), but ran on %s: blocking jobs must never run "
                + "on the event loop, not even one at a time", WORKER, threads)
            .allMatch(name -> name.startsWith(WORKER));
        assertThat(peak.get())
            .as("Ex02: %d jobs ran at the same time; oneAfterAnother should run them one at a time. "
                + "Which of the two ways to submit them keeps one context's jobs in a queue?", peak.get())
            .isEqualTo(1);
        assertThat(startOrder).as("Ex02: the jobs should start in list order").containsExactly(0, 1, 2, 3);
    }

    @Tag("contract:values")
    @Tag("contract:placement")
    @Tag("contract:concurrency")
    @Tag("contract:event-loop")
    @Test
    @DisplayName("unordered jobs run side by side: four jobs that each wait for the other three all finish")
    void unorderedJobsRunTogether(Vertx vertx) throws Exception {
        Context context = vertx.getOrCreateContext();
        Thread loopThread = OnContext.call(context, () -> Future.succeededFuture(Thread.currentThread())).await(5, TimeUnit.SECONDS);
        // Each job waits until all four are running: only jobs in flight together can pass.
        CyclicBarrier allFour = new CyclicBarrier(JOBS);
        // Then they finish last to first: job i returns only after job i+1 has returned (and 100 ms more),
        // so an answer that lists results as they arrive gets them backwards.
        List<CountDownLatch> returned = IntStream.range(0, JOBS).mapToObj(i -> new CountDownLatch(1)).toList();
        List<String> threads = new CopyOnWriteArrayList<>();
        List<Callable<String>> jobs = IntStream.range(0, JOBS).<Callable<String>>mapToObj(i -> () -> {
            threads.add(Thread.currentThread().getName());
            allFour.await(3, TimeUnit.SECONDS);
            if (i + 1 < JOBS) {
                returned.get(i + 1).await(3, TimeUnit.SECONDS);
                Thread.sleep(100);
            }
            returned.get(i).countDown();
            return "job-" + i;
        }).toList();

        AtomicReference<List<String>> results = new AtomicReference<>();
        AtomicReference<Thread> callbackThread = new AtomicReference<>();
        Throwable failure = catchThrowable(() -> results.set(OnContext.call(context,
                () -> Ex02_OrderedVsUnordered.sideBySide(context, jobs).andThen(done -> callbackThread.set(Thread.currentThread())))
            .await(8, TimeUnit.SECONDS)));

        assertThat(failure)
            .as("Ex02: the %d jobs should all be running at once (each waits up to 3 s for the others), but got: %s. "
                + "One context's jobs queue behind each other unless you say they are independent", JOBS, failure)
            .isNull();
        assertThat(results.get())
            .as("Ex02: the results should come back in list order, whatever order the jobs finish in (here: last to first)")
            .containsExactly("job-0", "job-1", "job-2", "job-3");
        assertThat(threads)
            .as("Ex02: the jobs should run on Vert.x's worker threads (%sN), but ran on %s. A pool of your own is "
                + "invisible to Vert.x: not bounded with its workers, not closed with it", WORKER, threads)
            .allMatch(name -> name.startsWith(WORKER));
        assertThat(callbackThread.get())
            .as("Ex02: the combined future should complete on the caller's event loop (%s), not on %s",
                loopThread.getName(), callbackThread.get())
            .isSameAs(loopThread);
    }

    @Test
    @Tag("contract:concurrency")
    @Tag("contract:event-loop")
    @DisplayName("two sideBySide calls from one context, in the same turn: all six jobs run at once")
    void twoSideBySideCallsOverlap(Vertx vertx) throws Exception {
        Context context = vertx.getOrCreateContext();
        int each = 3;
        CyclicBarrier allSix = new CyclicBarrier(2 * each);
        java.util.function.IntFunction<List<Callable<String>>> jobsOf = call -> IntStream.range(0, each)
            .<Callable<String>>mapToObj(i -> () -> {
                allSix.await(3, TimeUnit.SECONDS);
                return call + "." + i;
            }).toList();

        AtomicReference<List<List<String>>> results = new AtomicReference<>();
        Throwable failure = catchThrowable(() -> results.set(OnContext.call(context, () -> {
            Future<List<String>> first = Ex02_OrderedVsUnordered.sideBySide(context, jobsOf.apply(1));
            Future<List<String>> second = Ex02_OrderedVsUnordered.sideBySide(context, jobsOf.apply(2));
            return Future.all(first, second).map(both -> List.of(first.result(), second.result()));
        }).await(8, TimeUnit.SECONDS)));

        assertThat(failure)
            .as("Ex02: one context called sideBySide twice in the same turn, with %d jobs each, and the %d jobs should all "
                + "run at once (each waits up to 3 s for the others), but got: %s. A job submitted ordered, even one of "
                + "them, waits for every earlier ordered job of its context, so the second call queues behind the first. "
                + "Hint: every job of sideBySide with executeBlocking(job, false)", each, 2 * each, failure)
            .isNull();
        assertThat(results.get()).as("Ex02: each call's results, in list order")
            .containsExactly(List.of("1.0", "1.1", "1.2"), List.of("2.0", "2.1", "2.2"));
    }
}
