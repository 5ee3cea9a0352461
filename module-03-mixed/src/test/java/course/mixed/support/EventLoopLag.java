package course.mixed.support;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * A lag probe: a 5 ms periodic timer on the event loop under test that notes when it ticks.
 * A free loop ticks every 5 ms (a few ms late on a busy machine); a loop busy computing for
 * 300 ms cannot tick at all meanwhile and then shows a 300 ms gap. The worst gap minus the
 * period is the lag every other handler of that loop suffered.
 */
public final class EventLoopLag implements AutoCloseable {

    public static final long PERIOD_MS = 5;

    /**
     * What {@link #whileRunning} saw, from starting the work to its future completing: the worst
     * timer lag on the loop, how many ticks the loop found time for, and how much
     * CPU time the event-loop thread itself spent.
     */
    public record Measured(long maxLagMillis, int ticksDuringWork, long loopCpuMillis) {
    }

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private final Vertx vertx;
    private final List<Long> ticks = new CopyOnWriteArrayList<>();
    private volatile long timerId = -1;
    private volatile Thread loopThread;

    private EventLoopLag(Vertx vertx) {
        this.vertx = vertx;
    }

    /** Starts a probe on {@code context}'s event loop. */
    public static EventLoopLag startOn(Vertx vertx, Context context) throws InterruptedException {
        EventLoopLag probe = new EventLoopLag(vertx);
        CountDownLatch started = new CountDownLatch(1);
        context.runOnContext(v -> {
            probe.ticks.add(System.nanoTime());
            probe.loopThread = Thread.currentThread();
            probe.timerId = vertx.setPeriodic(PERIOD_MS, id -> probe.ticks.add(System.nanoTime()));
            started.countDown();
        });
        if (!started.await(5, TimeUnit.SECONDS)) {
            throw new IllegalStateException("the lag probe could not start on its event loop");
        }
        return probe;
    }

    /**
     * Runs {@code work} on {@code context} (as a handler would), waits up to 12 s for its future,
     * and reports what the probe on the same event loop saw meanwhile.
     */
    public static Measured whileRunning(Vertx vertx, Context context, Supplier<? extends Future<?>> work) throws Exception {
        EventLoopLag probe = startOn(vertx, context);
        long[] span;
        try {
            Thread.sleep(50);                        // let the probe settle into its rhythm
            span = run(context, probe.loopThread, work);
            Thread.sleep(4 * PERIOD_MS);             // a loop blocked until the end shows its gap on the next tick
        } finally {
            probe.close();                           // no more ticks: what follows reads a finished list
        }
        return new Measured(probe.maxLagMillisAfter(span[0]), probe.ticksBetween(span[0], span[1]),
            TimeUnit.NANOSECONDS.toMillis(span[3] - span[2]));
    }

    /**
     * Runs {@code work} on {@code context} without a probe (whose ticks cost the loop some CPU
     * too) and returns how much CPU time the event-loop thread spent until the work's future completed.
     */
    public static long loopCpuMillisWhileRunning(Context context, Supplier<? extends Future<?>> work) throws Exception {
        Thread loopThread = OnContext.call(context, () -> Future.succeededFuture(Thread.currentThread())).await(5, TimeUnit.SECONDS);
        long[] span = run(context, loopThread, work);
        return TimeUnit.NANOSECONDS.toMillis(span[3] - span[2]);
    }

    /** Runs the work on the loop; returns {start, end, loop CPU at start, loop CPU at end} in nanoseconds. */
    private static long[] run(Context context, Thread loopThread, Supplier<? extends Future<?>> work) throws Exception {
        long loopId = loopThread.threadId();
        long[] span = new long[4];                   // written on the event loop, read after await()
        OnContext.<Void>call(context, () -> {
            span[0] = System.nanoTime();
            span[2] = THREADS.getThreadCpuTime(loopId);
            return work.get().andThen(done -> {
                span[1] = System.nanoTime();
                span[3] = THREADS.getThreadCpuTime(loopId);
            }).mapEmpty();
        }).await(12, TimeUnit.SECONDS);
        return span;
    }

    /** The worst lag of a tick due after {@code start}. */
    private long maxLagMillisAfter(long start) {
        long worst = 0;
        for (int i = 1; i < ticks.size(); i++) {
            if (ticks.get(i) > start) {
                worst = Math.max(worst, ticks.get(i) - Math.max(ticks.get(i - 1), start));
            }
        }
        return Math.max(0, TimeUnit.NANOSECONDS.toMillis(worst) - PERIOD_MS);
    }

    private int ticksBetween(long start, long end) {
        return (int) ticks.stream().filter(t -> t > start && t < end).count();
    }

    @Override
    public void close() {
        long id = timerId;
        if (id >= 0) {
            vertx.cancelTimer(id);
        }
    }
}
