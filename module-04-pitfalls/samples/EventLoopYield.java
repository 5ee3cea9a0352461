import io.vertx.core.Context;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.net.NetServer;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Module 04 sample (not an exercise): what "letting the event loop breathe" buys, measured. One
 * Vert.x event loop serves a 5 ms periodic timer and a TCP echo that a client pings every 5 ms,
 * while 600 ms of CPU work runs on it in four shapes: one block; chunks chained with
 * runOnContext; chunks each continued from setTimer(1, ...); executeBlocking(..., false). It
 * prints the worst gap between two timer ticks, the slowest ping and the work's wall time.
 *
 * <pre>
 *   ./mvnw -q -pl module-04-pitfalls validate exec:exec@yield                  (2 ms chunks)
 *   ./mvnw -q -pl module-04-pitfalls validate exec:exec@yield -Dchunk.ms=15    (15 ms chunks)
 * </pre>
 *
 * The work is a spin on System.nanoTime, so it lasts as long on any JIT tier; a loaded machine
 * adds its own delays to every row alike.
 */
public class EventLoopYield {

    static final long WORK_MS = 600;

    public static void main(String[] args) throws Exception {
        long chunkMs = args.length > 0 ? Long.parseLong(args[0]) : 2;
        Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1));
        Context loop = vertx.getOrCreateContext();
        NetServer echo = CompletableFuture.supplyAsync(() -> null).thenCompose(x -> {
            CompletableFuture<NetServer> started = new CompletableFuture<>();
            loop.runOnContext(v -> vertx.createNetServer().connectHandler(s -> s.handler(s::write)).listen(0, "127.0.0.1")
                .onComplete(r -> started.complete(r.result())));
            return started;
        }).get(10, TimeUnit.SECONDS);

        System.out.printf(Locale.ROOT, "Vert.x %s, %d ms of CPU work on one event loop, chunks of %d ms; %d cores%n",
            io.vertx.core.impl.VertxImpl.class.getPackage().getImplementationVersion(), WORK_MS, chunkMs,
            Runtime.getRuntime().availableProcessors());
        System.out.printf("%-52s %10s %14s %14s%n", "the work as", "wall time", "worst tick gap", "slowest ping");
        for (String shape : new String[] {"one block", "chunks chained with runOnContext", "chunks continued from setTimer(1, ...)",
                "executeBlocking(..., false)"}) {
            measure(vertx, loop, echo.actualPort(), shape, chunkMs);
        }
        vertx.close().await();
    }

    static void measure(Vertx vertx, Context loop, int port, String shape, long chunkMs) throws Exception {
        AtomicLong lastTick = new AtomicLong(System.nanoTime());
        AtomicLong worstGap = new AtomicLong();
        CompletableFuture<Long> timerId = new CompletableFuture<>();
        loop.runOnContext(v -> timerId.complete(vertx.setPeriodic(5, id -> {
            long now = System.nanoTime();
            worstGap.accumulateAndGet(now - lastTick.getAndSet(now), Math::max);
        })));
        timerId.get();

        AtomicBoolean pinging = new AtomicBoolean(true);
        AtomicLong slowestPing = new AtomicLong();
        Thread pinger = Thread.ofPlatform().start(() -> {
            try (Socket socket = new Socket("127.0.0.1", port)) {
                socket.setTcpNoDelay(true);
                OutputStream out = socket.getOutputStream();
                InputStream in = socket.getInputStream();
                while (pinging.get()) {
                    long sent = System.nanoTime();
                    out.write(1);
                    out.flush();
                    in.read();
                    slowestPing.accumulateAndGet(System.nanoTime() - sent, Math::max);
                    Thread.sleep(5);
                }
            } catch (Exception e) {
                throw new RuntimeException(e);
            }
        });
        Thread.sleep(300);                                      // timer and pings settle
        worstGap.set(0);
        slowestPing.set(0);

        long start = System.nanoTime();
        Promise<Void> done = Promise.promise();
        long chunks = WORK_MS / chunkMs;
        loop.runOnContext(v -> {
            switch (shape) {
                case "one block" -> {
                    spin(WORK_MS);
                    done.complete();
                }
                case "chunks chained with runOnContext" -> chained(loop, chunks, chunkMs, next -> loop.runOnContext(x -> next.run()), done);
                case "chunks continued from setTimer(1, ...)" -> chained(loop, chunks, chunkMs, next -> vertx.setTimer(1, x -> next.run()), done);
                default -> vertx.executeBlocking(() -> {
                    spin(WORK_MS);
                    return null;
                }, false).onComplete(r -> done.complete());
            }
        });
        done.future().toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
        long wall = System.nanoTime() - start;
        Thread.sleep(50);                                       // one more tick and ping after the work
        pinging.set(false);
        pinger.join();
        loop.runOnContext(v -> vertx.cancelTimer(timerId.join()));
        System.out.printf(Locale.ROOT, "%-52s %7d ms %11d ms %11d ms%n", shape, ms(wall), ms(worstGap.get()), ms(slowestPing.get()));
    }

    /** Runs {@code chunks} chunks of spin, each scheduling the next through {@code next}. */
    static void chained(Context loop, long chunks, long chunkMs, java.util.function.Consumer<Runnable> next, Promise<Void> done) {
        Runnable[] step = new Runnable[1];
        long[] left = {chunks};
        step[0] = () -> {
            spin(chunkMs);
            if (--left[0] == 0) {
                done.complete();
            } else {
                next.accept(step[0]);
            }
        };
        step[0].run();
    }

    static void spin(long millis) {
        long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
        while (System.nanoTime() < end) {
            Thread.onSpinWait();
        }
    }

    static long ms(long nanos) {
        return TimeUnit.NANOSECONDS.toMillis(nanos);
    }
}
