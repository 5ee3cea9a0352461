package course.benchmarks.support;

import course.benchmarks.Backend;
import course.benchmarks.MixingLoop;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Ex07's test double for the service: it records where each step of each request ran, and it
 * makes concurrency visible by construction. A query answers only once {@code waitParties}
 * requests are waiting for it at the same moment (or when the patience, counted from the first
 * query, is over), so requests that take turns never meet. CPU parts can meet the same way.
 * A step called on an event-loop thread never waits: it is recorded and returns at once, so a
 * blocked loop fails its test quickly instead of hanging it.
 */
public final class ProbeBackend implements Backend {

    /** Mixing rounds per CPU part in tests: microseconds, not the benchmark's 0.2 ms. */
    public static final long ROUNDS = 1_000;

    /** The id whose CPU part throws, to check that a failure still gets an answer. */
    public static final int FAILING_ID = -1;

    /** The id of a request that only warms up the server and the client: it neither meets nor is recorded. */
    public static final int WARM_UP = 1_000_000;

    /**
     * How long the first arrival waits for the others (everyone shares this deadline): far more
     * than a right answer needs, even on a loaded 2-core machine.
     */
    private static final Duration PATIENCE = Duration.ofSeconds(8);

    public enum Step { BLOCKING_QUERY, QUERY, COMPUTE }

    /** One step of one request: which thread ran it, and what kind of thread that was. */
    public record Ran(Step step, int id, Thread thread, boolean onEventLoop, boolean onWorker) {

        @Override
        public String toString() {
            return step + " of request " + id + " on " + thread.getName() + (thread.isVirtual() ? " (virtual)" : "");
        }
    }

    private final int waitParties;
    private final Duration hold;
    private final int computeParties;
    private final Queue<Ran> ran = new ConcurrentLinkedQueue<>();
    private final Meeting waits;
    private final Meeting computes;
    /** Counted down when more than waitParties queries wait at once. */
    private final CountDownLatch crowded = new CountDownLatch(1);
    private final Queue<Runnable> pendingAnswers = new ConcurrentLinkedQueue<>();

    /**
     * @param waitParties    queries answer once this many wait at the same moment (1: at once)
     * @param hold           after meeting, a blocking query stays this long more, unless more than
     *                       waitParties arrive (which ends it early): room for a crowd to show up
     * @param computeParties CPU parts return once this many run at the same moment (1: at once)
     */
    public ProbeBackend(int waitParties, Duration hold, int computeParties) {
        this.waitParties = waitParties;
        this.hold = hold;
        this.computeParties = computeParties;
        this.waits = new Meeting(waitParties);
        this.computes = new Meeting(computeParties);
    }

    /** Answers every query at once and computes at once. */
    public static ProbeBackend plain() {
        return new ProbeBackend(1, Duration.ZERO, 1);
    }

    @Override
    public void blockingQuery(int id) {
        if (id == WARM_UP) {
            return;
        }
        record(Step.BLOCKING_QUERY, id);
        if (Context.isOnEventLoopThread()) {
            return; // recorded; waiting here would stall every connection of the loop until the test times out
        }
        arrive(waits);
        try {
            if (waits.met() && !hold.isZero()) {
                crowded.await(hold.toNanos(), TimeUnit.NANOSECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            waits.leave();
        }
    }

    @Override
    public Future<Void> query(Vertx vertx, int id) {
        if (id == WARM_UP) {
            return Future.succeededFuture();
        }
        record(Step.QUERY, id);
        Context context = vertx.getOrCreateContext();
        Promise<Void> answer = Promise.promise();
        // The answer comes back on the caller's context, as a real async client's would.
        pendingAnswers.add(() -> context.runOnContext(ignored -> answer.tryComplete()));
        arrive(waits, false);
        if (waits.met()) {
            answerAll();
        } else {
            vertx.setTimer(Math.max(1, waits.millisLeft()), ignored -> answerAll());
        }
        return answer.future().onComplete(ignored -> waits.leave());
    }

    private void answerAll() {
        Runnable answer;
        while ((answer = pendingAnswers.poll()) != null) {
            answer.run();
        }
    }

    @Override
    public String compute(int id) {
        if (id == FAILING_ID) {
            throw new IllegalStateException("the probe's CPU part fails for id " + FAILING_ID + " on purpose");
        }
        if (id == WARM_UP) {
            return Backend.body(id, MixingLoop.mix(id, ROUNDS));
        }
        record(Step.COMPUTE, id);
        arrive(computes, !Context.isOnEventLoopThread()); // never make the loop wait: recorded, it fails the test anyway
        try {
            return Backend.body(id, MixingLoop.mix(id, ROUNDS));
        } finally {
            computes.leave();
        }
    }

    /** The body a right answer sends for {@code id}. */
    public static String expectedBody(int id) {
        return Backend.body(id, MixingLoop.mix(id, ROUNDS));
    }

    private void arrive(Meeting meeting) {
        arrive(meeting, true);
    }

    private void arrive(Meeting meeting, boolean block) {
        int now = meeting.enter();
        if (meeting == waits && now > waitParties) {
            crowded.countDown();
        }
        if (block) {
            meeting.awaitOthers();
        }
    }

    private void record(Step step, int id) {
        ran.add(new Ran(step, id, Thread.currentThread(), Context.isOnEventLoopThread(), Context.isOnWorkerThread()));
    }

    // ---------------------------------------------------------------- what the tests read

    public List<Ran> ran(Step step) {
        return ran.stream().filter(r -> r.step() == step).toList();
    }

    public List<Thread> threads(Step step) {
        return ran(step).stream().map(Ran::thread).toList();
    }

    public List<Thread> allThreads() {
        return new ArrayList<>(ran.stream().map(Ran::thread).distinct().toList());
    }

    /** Did waitParties queries wait at the same moment? */
    public boolean waitersMet() {
        return waits.met();
    }

    /** The most queries waiting at the same moment. */
    public int mostWaiting() {
        return waits.most();
    }

    public boolean computesMet() {
        return computes.met();
    }

    public int mostComputing() {
        return computes.most();
    }

    /** Who is present at once: the most ever, and whether {@code parties} were there together before the deadline. */
    private static final class Meeting {
        private final int parties;
        private final CountDownLatch together = new CountDownLatch(1);
        private final AtomicInteger present = new AtomicInteger();
        private final AtomicInteger most = new AtomicInteger();
        private final AtomicLong deadline = new AtomicLong();

        Meeting(int parties) {
            this.parties = parties;
        }

        /** Arrives; returns how many are present now, this one included. */
        int enter() {
            deadline.compareAndSet(0, System.nanoTime() + PATIENCE.toNanos()); // the first arrival starts the patience
            int now = present.incrementAndGet();
            most.accumulateAndGet(now, Math::max);
            if (now >= parties) {
                together.countDown();
            }
            return now;
        }

        void leave() {
            present.decrementAndGet();
        }

        boolean met() {
            return together.getCount() == 0;
        }

        int most() {
            return most.get();
        }

        long millisLeft() {
            return TimeUnit.NANOSECONDS.toMillis(deadline.get() - System.nanoTime());
        }

        /** Waits until the parties were together or the shared deadline passed. */
        void awaitOthers() {
            try {
                together.await(Math.max(0, deadline.get() - System.nanoTime()), TimeUnit.NANOSECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
