// Wrong: each pass is a 1 ms timer, so the rally measures the timer resolution, not a task switch
// Caught by: eventLoopRally
package course.benchmarks;

import io.vertx.core.Context;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

public final class Ex06_PingPong {

    /** The longest a rally may take before the caller gives up. */
    private static final long GIVE_UP_SECONDS = 60;

    private Ex06_PingPong() {
    }

    /**
     * The outcome of a rally: the ball's final value (each pass adds one, so 2 x exchanges) and
     * the threads the two units ran on.
     */
    public record Rally(long ball, Thread ping, Thread pong) {
    }

    /** A rally of {@code exchanges} round trips between two platform threads. */
    public static Rally platformThreads(int exchanges) throws InterruptedException {
        return betweenThreads(Thread.ofPlatform(), exchanges);
    }

    /** A rally of {@code exchanges} round trips between two virtual threads. */
    public static Rally virtualThreads(int exchanges) throws InterruptedException {
        return betweenThreads(Thread.ofVirtual(), exchanges);
    }

    /**
     * Starts a ping and a pong thread from {@code threads}: ping puts the ball in one queue, pong
     * takes it, adds one and puts it in the other; {@code exchanges} times. Returns when both ended.
     */
    public static Rally betweenThreads(Thread.Builder threads, int exchanges) throws InterruptedException {
        SynchronousQueue<Long> toPong = new SynchronousQueue<>();
        SynchronousQueue<Long> toPing = new SynchronousQueue<>();
        AtomicReference<Long> finalBall = new AtomicReference<>();
        Thread ping = threads.start(() -> {
            try {
                long ball = 0;
                for (int i = 0; i < exchanges; i++) {
                    toPong.put(ball + 1);  // pass ...
                    ball = toPing.take();  // ... and wait for it to come back
                }
                finalBall.set(ball);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        Thread pong = threads.start(() -> {
            try {
                for (int i = 0; i < exchanges; i++) {
                    toPing.put(toPong.take() + 1);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        boolean ended = ping.join(Duration.ofSeconds(GIVE_UP_SECONDS)) && pong.join(Duration.ofSeconds(GIVE_UP_SECONDS));
        if (!ended) {
            ping.interrupt();
            pong.interrupt();
            throw new IllegalStateException("the rally did not finish in " + GIVE_UP_SECONDS + " s");
        }
        return new Rally(finalBall.get(), ping, pong);
    }

    /**
     * A rally of {@code exchanges} round trips between two tasks on one event loop: each unit adds
     * one to the ball and schedules the other with runOnContext. Blocks the caller (never a Vert.x
     * thread) until the rally ends.
     */
    public static Rally eventLoop(Vertx vertx, int exchanges) throws Exception {
        Context loop = vertx.getOrCreateContext();
        Promise<Rally> done = Promise.promise();
        var rally = new Object() {
            long ball;
            Thread pingThread;
            Thread pongThread;

            void ping() {
                pingThread = Thread.currentThread();
                if (ball == 2L * exchanges) {
                    done.complete(new Rally(ball, pingThread, pongThread));
                    return;
                }
                ball++;
                vertx.setTimer(1, ignored -> pong()); // a timer of 1 ms: the shortest "later"
            }

            void pong() {
                pongThread = Thread.currentThread();
                ball++;
                vertx.setTimer(1, ignored -> ping());
            }
        };
        loop.runOnContext(ignored -> rally.ping());
        return done.future().await(GIVE_UP_SECONDS, TimeUnit.SECONDS);
    }
}
