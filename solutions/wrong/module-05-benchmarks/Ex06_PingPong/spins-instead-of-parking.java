// Wrong: the players hand the ball over through a volatile field and spin until it is their turn: the values are right, but a waiting player burns a core instead of parking, so the rally measures two busy loops, not a switch
// Caught by: waitingPlayersPark
package course.benchmarks;

import io.vertx.core.Context;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
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
        // The ball goes through a volatile field: each player spins until it is its turn. "No queue, no lock: faster."
        AtomicLong ball = new AtomicLong();
        AtomicReference<Long> finalBall = new AtomicReference<>();
        Thread ping = threads.start(() -> {
            for (int i = 0; i < exchanges; i++) {
                ball.incrementAndGet();                       // pass (now odd) ...
                while ((ball.get() & 1) == 1) {               // ... and spin until pong made it even again
                    Thread.onSpinWait();
                }
            }
            finalBall.set(ball.get());
        });
        Thread pong = threads.start(() -> {
            for (int i = 0; i < exchanges; i++) {
                while ((ball.get() & 1) == 0) {               // spin until ping passes
                    Thread.onSpinWait();
                }
                ball.incrementAndGet();
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

    public static Rally eventLoop(Vertx vertx, int exchanges) throws Exception {
        Context loop = vertx.getOrCreateContext();
        Promise<Rally> done = Promise.promise();
        // Everything below runs on the loop's single thread: plain fields, no locks needed.
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
                loop.runOnContext(ignored -> pong());
            }

            void pong() {
                pongThread = Thread.currentThread();
                ball++;
                loop.runOnContext(ignored -> ping());
            }
        };
        loop.runOnContext(ignored -> rally.ping());
        return done.future().await(GIVE_UP_SECONDS, TimeUnit.SECONDS);
    }
}
