package course.threads.support;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Proof of concurrency by construction: {@code parties} pieces of work must all be in progress
 * at the same moment, or none gets through.
 *
 * <p>Each party calls {@link #arrive()} and waits (bounded) for the others. Run the parties one
 * after another and the first one waits alone until its patience runs out (5 s unless the test
 * says otherwise); the rendezvous then
 * breaks, every later arrival returns at once, and {@link #allMet()} is false. No clock reading
 * decides anything: only whether the parties were alive together.
 *
 * <p>It waits with a timed {@code CountDownLatch.await}, which a fork/join pool does not treat
 * as a "managed block": a pool never starts extra threads to help parties meet (an untimed
 * {@code CyclicBarrier.await} would let the common pool grow past its parallelism).
 */
public final class Rendezvous {

    private final int parties;
    private final Duration patience;
    private final CountDownLatch everyone;
    private final AtomicInteger arrived = new AtomicInteger();
    private final AtomicInteger missed = new AtomicInteger();
    private volatile boolean broken;

    /** A rendezvous with 5 s of patience: enough for a busy 2-core machine to start a few dozen threads. */
    public Rendezvous(int parties) {
        this(parties, Duration.ofSeconds(5));
    }

    public Rendezvous(int parties, Duration patience) {
        this.parties = parties;
        this.patience = patience;
        this.everyone = new CountDownLatch(parties);
    }

    /** Arrives and waits for all the other parties; false if they did not all come in time. */
    public boolean arrive() {
        arrived.incrementAndGet();
        everyone.countDown();
        if (broken) {                                             // someone already gave up: do not wait again
            missed.incrementAndGet();
            return false;
        }
        try {
            if (everyone.await(patience.toNanos(), TimeUnit.NANOSECONDS)) {
                return true;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        broken = true;
        missed.incrementAndGet();
        return false;
    }

    /** True when exactly {@code parties} arrivals happened and they all met. */
    public boolean allMet() {
        return arrived.get() == parties && missed.get() == 0;
    }

    public int parties() {
        return parties;
    }

    @Override
    public String toString() {
        return "Rendezvous[" + parties + " parties, " + arrived.get() + " arrived, " + missed.get() + " gave up]";
    }
}
