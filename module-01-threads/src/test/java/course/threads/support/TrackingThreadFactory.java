package course.threads.support;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

import static org.awaitility.Awaitility.await;

/**
 * A {@link ThreadFactory} that remembers every thread it made and counts how many of them ran
 * their task, so a test can check "at most K threads", "really started N threads" and "none
 * left alive".
 *
 * <p>Its threads are daemon threads: a wrong answer that leaks them fails its own test but
 * cannot keep the test JVM alive.
 */
public final class TrackingThreadFactory implements ThreadFactory {

    private final String prefix;
    private final List<Thread> created = new CopyOnWriteArrayList<>();
    private final AtomicInteger ran = new AtomicInteger();

    public TrackingThreadFactory(String prefix) {
        this.prefix = prefix;
    }

    @Override
    public Thread newThread(Runnable task) {
        Runnable counted = () -> {
            ran.incrementAndGet();
            task.run();
        };
        Thread thread = Thread.ofPlatform()
            .name(prefix + "-" + (created.size() + 1))
            .daemon(true)
            .unstarted(counted);
        created.add(thread);
        return thread;
    }

    /** Every thread this factory made, in order. */
    public List<Thread> created() {
        return List.copyOf(created);
    }

    /** How many of those threads were started and began their task. */
    public int ran() {
        return ran.get();
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
        try {
            await().atMost(patience).pollInterval(Duration.ofMillis(10)).until(() -> alive().isEmpty());
            return true;
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            return false;
        }
    }
}
