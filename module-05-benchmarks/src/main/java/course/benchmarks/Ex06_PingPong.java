package course.benchmarks;

import io.vertx.core.Vertx;

/**
 * Ex06 · Ping-pong: two units pass a ball back and forth; each pass is one switch.
 *
 * <p>Between two threads, a pass wakes the other thread and parks this one: with platform threads
 * the kernel switches, with virtual threads the JVM unmounts one and mounts the other on a
 * carrier. On an event loop the two units are tasks on the same thread, and a pass is just
 * queueing the next task: no thread switches at all. The rally's time divided by its passes is
 * the cost of one switch in each model.
 */
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
        // TODO: start two players, ping and pong, from `threads` (the builder decides platform or virtual).
        //  They pass a ball back and forth `exchanges` times each way; each pass adds one. A pass is a
        //  hand-off: the passer waits until the other has taken the ball, so every pass is a switch from
        //  one thread to the other. Return the final ball once BOTH players have ended (give up after
        //  GIVE_UP_SECONDS). Stuck? ./mvnw -q -Dcourse="hint Ex06" (or read module-05-benchmarks/hints/).
        throw new UnsupportedOperationException("Ex06 not implemented yet: a rally between two threads, every pass a hand-off");
    }

    /**
     * A rally of {@code exchanges} round trips between two tasks on one event loop: each unit adds
     * one to the ball and schedules the other with runOnContext. Blocks the caller (never a Vert.x
     * thread) until the rally ends.
     */
    public static Rally eventLoop(Vertx vertx, int exchanges) throws Exception {
        // TODO: the same rally between two tasks on ONE event loop: every pass is a new task that the loop
        //  runs as soon as it is free (no timers, no worker threads), so the rally measures a task switch
        //  with no thread switch at all. The caller (never a Vert.x thread) waits for the final ball.
        throw new UnsupportedOperationException("Ex06 not implemented yet: a rally between two tasks on one event loop");
    }
}
