import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Module 02 sample (not an exercise): what a pending Vert.x timer costs in heap, the price of one
 * wait on an event loop. Sets 100,000 timers that fire in an hour, once as a {@code vertx.timer}
 * future with one {@code map} step and once as a {@code setTimer} handler, and compares the live
 * heap after a full GC before and after.
 *
 * <pre>
 *   ./mvnw -q -pl module-02-async validate exec:exec@timers
 * </pre>
 */
public class TimerMemory {

    static final int TIMERS = 100_000;

    public static void main(String[] args) throws Exception {
        Vertx vertx = Vertx.vertx();
        System.out.printf(Locale.ROOT, "Vert.x %s, JDK %s: heap per pending timer, %,d timers%n",
            io.vertx.core.impl.VertxImpl.class.getPackage().getImplementationVersion(), Runtime.version(), TIMERS);
        measure(vertx, "vertx.timer(...).map(...) future", () -> {
            List<Future<String>> kept = new ArrayList<>(TIMERS);
            for (int i = 0; i < TIMERS; i++) {
                kept.add(vertx.timer(1, TimeUnit.HOURS).map(fired -> "fired"));
            }
            return kept;
        });
        measure(vertx, "setTimer handler", () -> {
            long[] ids = new long[TIMERS];
            for (int i = 0; i < TIMERS; i++) {
                int n = i;
                ids[i] = vertx.setTimer(TimeUnit.HOURS.toMillis(1), id -> System.out.println("fired " + n));
            }
            return ids;
        });
        vertx.close().await();
    }

    /** Sets the timers on an event loop, then prints the live heap they added per timer. */
    static void measure(Vertx vertx, String what, java.util.function.Supplier<Object> setTimers) throws Exception {
        long before = liveHeap();
        CompletableFuture<Object> kept = new CompletableFuture<>();
        vertx.runOnContext(v -> kept.complete(setTimers.get()));
        Object timers = kept.get(30, TimeUnit.SECONDS);
        Thread.sleep(500);                                        // every timer registered with its loop
        long after = liveHeap();
        System.out.printf(Locale.ROOT, "  %-34s %,6.0f bytes of live heap each%n", what, (after - before) / (double) TIMERS);
        // Keep them alive until measured, then cancel them all.
        if (timers instanceof long[] ids) {
            vertx.runOnContext(v -> {
                for (long id : ids) {
                    vertx.cancelTimer(id);
                }
            });
        }
        Thread.sleep(200);
    }

    static long liveHeap() throws InterruptedException {
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(100);
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }
}
