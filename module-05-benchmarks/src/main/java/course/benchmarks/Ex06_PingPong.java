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
        // TODO: two SynchronousQueue<Long> (toPong, toPing): a hand-off with no buffer, so each pass waits
        //  for the other side. Start ping with threads.start(...): `exchanges` times put(ball + 1) into
        //  toPong, then ball = toPing.take(); keep the last ball. Start pong: `exchanges` times
        //  toPing.put(toPong.take() + 1). Join both (with a bound: join(Duration.ofSeconds(GIVE_UP_SECONDS)))
        //  and return new Rally(lastBall, ping, pong).
        throw new UnsupportedOperationException("Ex06 not implemented yet: a rally between two threads through two SynchronousQueues");
    }

    /**
     * A rally of {@code exchanges} round trips between two tasks on one event loop: each unit adds
     * one to the ball and schedules the other with runOnContext. Blocks the caller (never a Vert.x
     * thread) until the rally ends.
     */
    public static Rally eventLoop(Vertx vertx, int exchanges) throws Exception {
        // TODO: take one context (vertx.getOrCreateContext()) and a Promise<Rally>. ping(): remember its
        //  thread; if the ball reached 2 * exchanges complete the promise, else ball++ and
        //  loop.runOnContext(ignored -> pong()). pong(): remember its thread, ball++, schedule ping().
        //  Everything runs on the loop's one thread, so plain fields need no locks (an anonymous
        //  `new Object() { long ball; ... }` holds them). Start with loop.runOnContext(ignored -> ping())
        //  and return promise.future().await(GIVE_UP_SECONDS, TimeUnit.SECONDS).
        throw new UnsupportedOperationException("Ex06 not implemented yet: a rally between two event-loop tasks (runOnContext)");
    }
}
