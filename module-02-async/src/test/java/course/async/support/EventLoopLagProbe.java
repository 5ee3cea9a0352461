package course.async.support;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Measures how late an event loop runs its timers: a periodic tick every {@value #PERIOD_MS} ms
 * on the loop under test. While the loop is free, ticks arrive on time; while code blocks it
 * (Thread.sleep, a blocking get, a long CPU loop), no tick can run, and the gap shows up as lag.
 * This catches short blocks that Vert.x's blocked-thread checker (2 s by default) never reports.
 */
public final class EventLoopLagProbe {

    public static final long PERIOD_MS = 5;

    private final Context context;
    private final AtomicLong lastTickNanos = new AtomicLong();
    private final AtomicLong maxGapNanos = new AtomicLong();
    private volatile long timerId = -1;

    private EventLoopLagProbe(Context context) {
        this.context = context;
    }

    /** Starts ticking on {@code context}'s event loop; the future completes on the first tick. */
    public static Future<EventLoopLagProbe> start(Context context) {
        EventLoopLagProbe probe = new EventLoopLagProbe(context);
        Promise<EventLoopLagProbe> started = Promise.promise();
        context.runOnContext(ignored -> {
            probe.lastTickNanos.set(System.nanoTime());
            probe.timerId = context.owner().setPeriodic(PERIOD_MS, id -> {
                probe.tick();
                started.tryComplete(probe);
            });
        });
        return started.future();
    }

    private void tick() {
        long now = System.nanoTime();
        long gap = now - lastTickNanos.getAndSet(now);
        maxGapNanos.accumulateAndGet(gap, Math::max);
    }

    /** Stops the probe and returns the worst delay seen, in ms, beyond the tick period. */
    public long stopAndGetMaxLagMillis() {
        context.owner().cancelTimer(timerId);
        // A loop still blocked right now has not ticked for a while: count that gap too.
        long sinceLast = System.nanoTime() - lastTickNanos.get();
        long worst = Math.max(maxGapNanos.get(), sinceLast);
        return Math.max(0, TimeUnit.NANOSECONDS.toMillis(worst) - PERIOD_MS);
    }
}
