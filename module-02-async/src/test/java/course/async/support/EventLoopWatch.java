package course.async.support;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;

/**
 * Catches an event-loop thread waiting inside the exercise's own code: sleeping, parked on a lock,
 * a latch, a join or a blocking get. A sampler thread looks at every {@code vert.x-eventloop-thread}
 * about once a millisecond; it reports a thread that is WAITING or TIMED_WAITING while the nearest
 * frame outside the JDK and the libraries belongs to the exercise class. Code that never waits on
 * the loop is never reported, however slow or loaded the machine, so this proves non-blocking by
 * construction; the {@link EventLoopLagProbe} measures the other way to stall a loop, a long busy
 * computation (which shows as RUNNABLE here).
 */
public final class EventLoopWatch implements AutoCloseable {

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    private static final List<String> LIBRARY_PACKAGES =
        List.of("java.", "javax.", "jdk.", "sun.", "io.vertx.", "io.netty.", "io.reactivex.");

    private final String exerciseClass;
    private final AtomicReference<String> caught = new AtomicReference<>();
    private final Thread sampler;
    private volatile boolean running = true;

    private EventLoopWatch(Class<?> exercise) {
        this.exerciseClass = exercise.getName();
        this.sampler = Thread.ofPlatform().daemon().name("event-loop-watch").start(this::sampleUntilClosed);
    }

    /** Starts watching the event loops for waits inside {@code exercise} (and its nested classes). */
    public static EventLoopWatch start(Class<?> exercise) {
        return new EventLoopWatch(exercise);
    }

    private void sampleUntilClosed() {
        long[] loops = eventLoopThreadIds();
        long lastScan = System.nanoTime();
        while (running && caught.get() == null) {
            if (System.nanoTime() - lastScan > TimeUnit.MILLISECONDS.toNanos(20)) {
                loops = eventLoopThreadIds();   // event loops start lazily: look for new ones now and then
                lastScan = System.nanoTime();
            }
            for (ThreadInfo info : THREADS.getThreadInfo(loops, 48)) {
                if (info != null) {
                    inspect(info);
                }
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
        }
    }

    private static long[] eventLoopThreadIds() {
        return Thread.getAllStackTraces().keySet().stream()
            .filter(thread -> thread.getName().startsWith("vert.x-eventloop-thread"))
            .mapToLong(Thread::threadId)
            .toArray();
    }

    private void inspect(ThreadInfo info) {
        Thread.State state = info.getThreadState();
        if (state != Thread.State.WAITING && state != Thread.State.TIMED_WAITING) {
            return;
        }
        StackTraceElement[] stack = info.getStackTrace();
        for (int i = 0; i < stack.length; i++) {
            String owner = stack[i].getClassName();
            if (LIBRARY_PACKAGES.stream().anyMatch(owner::startsWith)) {
                continue;
            }
            if (owner.equals(exerciseClass) || owner.startsWith(exerciseClass + "$")) {
                caught.compareAndSet(null, info.getThreadName() + " was " + state + " in " + describe(stack[0])
                    + ", called from " + describe(stack[i]) + " (stack: "
                    + Arrays.stream(stack, 0, Math.min(stack.length, i + 1)).map(EventLoopWatch::describe).toList() + ")");
            }
            return;   // the nearest non-library frame is someone else's code (the test's): not the exercise's wait
        }
    }

    private static String describe(StackTraceElement frame) {
        String simple = frame.getClassName().substring(frame.getClassName().lastIndexOf('.') + 1);
        return simple + "." + frame.getMethodName() + (frame.getLineNumber() > 0 ? ":" + frame.getLineNumber() : "");
    }

    /** Stops watching; returns where an event loop was caught waiting in the exercise's code, or null. */
    public String stop() {
        running = false;
        try {
            sampler.join(TimeUnit.SECONDS.toMillis(2));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return caught.get();
    }

    @Override
    public void close() {
        stop();
    }
}
