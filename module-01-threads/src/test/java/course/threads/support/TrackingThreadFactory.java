package course.threads.support;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntFunction;

import static org.awaitility.Awaitility.await;

/**
 * A {@link ThreadFactory} that remembers every thread it made and watches how each one ran, so
 * a test can check "at most K threads", "really started N threads", "one at a time", "run() was
 * called instead of start()" and "none left alive".
 *
 * <p>Its threads are daemon threads: a wrong answer that leaks them fails its own test but
 * cannot keep the test JVM alive.
 */
public final class TrackingThreadFactory implements ThreadFactory {

    private final String prefix;
    private final IntFunction<Duration> lingerByNumber;
    private final List<Thread> created = new CopyOnWriteArrayList<>();
    private final AtomicInteger ran = new AtomicInteger();
    private final AtomicInteger ranOnAnotherThread = new AtomicInteger();
    private final AtomicInteger running = new AtomicInteger();
    private final AtomicInteger peakRunning = new AtomicInteger();
    private final AtomicLong firstCreatedNanos = new AtomicLong(Long.MAX_VALUE);
    private final AtomicLong lastEndedNanos = new AtomicLong(Long.MIN_VALUE);

    public TrackingThreadFactory(String prefix) {
        this(prefix, number -> Duration.ZERO);
    }

    /**
     * A factory whose thread number {@code k} (from 1) stays alive for {@code lingerByNumber(k)}
     * after its task, as a thread with slow clean-up would: it makes "returned before the thread
     * ended" visible without relying on luck.
     */
    public TrackingThreadFactory(String prefix, IntFunction<Duration> lingerByNumber) {
        this.prefix = prefix;
        this.lingerByNumber = lingerByNumber;
    }

    @Override
    public Thread newThread(Runnable task) {
        firstCreatedNanos.accumulateAndGet(System.nanoTime(), Math::min);
        int number = created.size() + 1;
        Thread[] self = new Thread[1];
        Runnable counted = () -> {
            if (Thread.currentThread() != self[0]) {
                ranOnAnotherThread.incrementAndGet();             // run() instead of start()
                task.run();
                return;
            }
            ran.incrementAndGet();
            peakRunning.accumulateAndGet(running.incrementAndGet(), Math::max);
            try {
                task.run();
                linger(lingerByNumber.apply(number));
            } finally {
                running.decrementAndGet();
                lastEndedNanos.accumulateAndGet(System.nanoTime(), Math::max);
            }
        };
        Thread thread = Thread.ofPlatform()
            .name(prefix + "-" + number)
            .daemon(true)
            .unstarted(counted);
        self[0] = thread;
        created.add(thread);
        return thread;
    }

    private static void linger(Duration duration) {
        if (duration.isPositive()) {
            try {
                Thread.sleep(duration);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Every thread this factory made, in order. */
    public List<Thread> created() {
        return List.copyOf(created);
    }

    /** How many of those threads were started and began their task on their own thread. */
    public int ran() {
        return ran.get();
    }

    /** How many tasks of this factory's threads ran on some other thread: someone called run(), not start(). */
    public int ranOnAnotherThread() {
        return ranOnAnotherThread.get();
    }

    /** The most of this factory's threads that were running their task at the same moment. */
    public int peakRunning() {
        return peakRunning.get();
    }

    /** From the first newThread() call to the end of the last thread's task (and linger), or zero. */
    public Duration spanFromFirstCreatedToLastEnded() {
        long first = firstCreatedNanos.get();
        long last = lastEndedNanos.get();
        return first == Long.MAX_VALUE || last == Long.MIN_VALUE ? Duration.ZERO : Duration.ofNanos(last - first);
    }

    public boolean madeThisThread(Thread thread) {
        return created.contains(thread);
    }

    /** The threads still alive right now. */
    public List<Thread> alive() {
        return created.stream().filter(Thread::isAlive).toList();
    }

    /**
     * Whether every thread made here has ended within {@code patience}. A pool that was shut
     * down lets its threads finish within milliseconds; one that was never shut down keeps them.
     */
    public boolean allEndWithin(Duration patience) {
        return allEndWithin(created, patience);
    }

    /** Whether every one of {@code threads} has ended within {@code patience}. */
    public static boolean allEndWithin(java.util.Collection<Thread> threads, Duration patience) {
        try {
            await().atMost(patience).pollInterval(Duration.ofMillis(10)).until(() -> threads.stream().noneMatch(Thread::isAlive));
            return true;
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            return false;
        }
    }
}
