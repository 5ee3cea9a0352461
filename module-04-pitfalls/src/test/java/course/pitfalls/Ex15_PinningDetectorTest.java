package course.pitfalls;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import jdk.jfr.FlightRecorder;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@DisplayName("Ex15 · A pinning detector: JFR tells when a virtual thread could not let go of its carrier")
@Timeout(30)
class Ex15_PinningDetectorTest {

    /** Blocks 30 ms in its class initializer: a virtual thread that initializes it is pinned (JDK 25). */
    static final class SlowInit {
        static {
            try {
                Thread.sleep(30);   // Thread's own: a fresh copy of this class cannot reach the test's methods
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /**
     * Blocks about 1 ms in its class initializer: a pin far under JFR's default threshold of 20 ms, unless a loaded
     * machine wakes the sleep late. So it says how long it took, in the system property {@link #BRIEF_INIT_NANOS}.
     */
    static final class BriefInit {
        static {
            long start = System.nanoTime();
            try {
                Thread.sleep(1);   // Thread's own: a fresh copy of this class cannot reach the test's methods
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            System.setProperty(BRIEF_INIT_NANOS, Long.toString(System.nanoTime() - start)); // a constant: inlined
        }
    }

    static final String BRIEF_INIT_NANOS = "ex15.briefInit.nanos";

    static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Initializes a fresh copy of {@code c} (a class loader of its own), so its initializer runs,
     * and blocks, every time a test asks: a class is initialized once per loader.
     */
    static void initializeFresh(Class<?> c) {
        String name = c.getName();
        byte[] bytes;
        try (InputStream in = c.getResourceAsStream("/" + name.replace('.', '/') + ".class")) {
            bytes = in.readAllBytes();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        ClassLoader fresh = new ClassLoader(c.getClassLoader()) {
            @Override
            protected Class<?> loadClass(String n, boolean resolve) throws ClassNotFoundException {
                if (!n.equals(name)) return super.loadClass(n, resolve);
                synchronized (getClassLoadingLock(n)) {
                    Class<?> done = findLoadedClass(n);
                    return done != null ? done : defineClass(n, bytes, 0, bytes.length);
                }
            }
        };
        try {
            Class.forName(name, true, fresh);
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Runs {@code tasks} on virtual threads of their own and waits for them all. */
    static Runnable onVirtualThreads(Runnable... tasks) {
        return () -> {
            List<Thread> threads = new ArrayList<>();
            for (int i = 0; i < tasks.length; i++) threads.add(Thread.ofVirtual().name("request-" + (i + 1)).start(tasks[i]));
            for (Thread t : threads) {
                try {
                    t.join();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        };
    }

    /** The detector's verdict on a workload: its message when it threw IllegalStateException, null when it passed. */
    static String verdict(Runnable workload, String scene) {
        try {
            Ex15_PinningDetector.runUnpinned(workload);
            return null;
        } catch (IllegalStateException pinned) {
            return String.valueOf(pinned.getMessage());
        }
    }

    @Test
    @Tag("contract:values")
    @DisplayName("a virtual thread that blocks in a class initializer is pinned: the detector fails the run and names that initializer")
    void aBlockingClassInitializerFailsTheRunAndIsNamed() {
        String message = verdict(onVirtualThreads(() -> sleep(5), () -> initializeFresh(SlowInit.class), () -> sleep(5)),
                "one virtual thread of three initializes SlowInit");
        assertThat(message)
                .as("Ex15: request-2 initialized SlowInit, whose static initializer sleeps 30 ms: a virtual thread that blocks in a class "
                        + "initializer cannot unmount (JDK 25), so it was pinned for 30 ms, yet runUnpinned passed. JFR's event arrives "
                        + "on the stream in a batch about once a second. Hint: RecordingStream.stop() (not close) waits for the events "
                        + "recorded so far, so stop the stream after the workload and before you decide")
                .isNotNull();
        assertThat(message)
                .as("Ex15: the detector fired, but its message does not name the code that blocked (SlowInit.<clinit>, the static "
                        + "initializer): \"%s\". The top frames of a pin are the JDK's own (VirtualThread.park..., Thread.sleep). Hint: "
                        + "walk the event's stack trace to the first frame that is not java.*, jdk.* or sun.*, and name its class and method",
                        message)
                .contains("SlowInit.<clinit>");
    }

    @Test
    @Tag("contract:values")
    @DisplayName("a pin of about 1 ms is a pin too: the detector sees it")
    void aBriefPinIsSeenToo() {
        // The first sleep of a virtual thread sets up the JDK's timer for them (tens of ms): done here, outside the pin.
        onVirtualThreads(() -> sleep(1)).run();
        // A loaded machine may wake the 1 ms sleep late, and a pin of 20 ms or more is no brief pin: every run must be
        // seen, and the runs go on until one whose initializer (the pin and more) took under 10 ms, up to 5 runs.
        for (int run = 1; run <= 5; run++) {
            System.clearProperty(BRIEF_INIT_NANOS);
            String message = verdict(onVirtualThreads(() -> initializeFresh(BriefInit.class)), "a 1 ms pin");
            long pinnedMicros = Long.parseLong(System.getProperty(BRIEF_INIT_NANOS, "0")) / 1_000;
            assertThat(message)
                    .as("Ex15: request-1 was pinned for at most %d µs (BriefInit's initializer sleeps 1 ms) and runUnpinned passed. "
                            + "JFR's default and profile settings record jdk.VirtualThreadPinned only for pins of 20 ms or more; a "
                            + "short pin repeated on every request freezes a service as surely as a long one. Hint: "
                            + "enable(...).withThreshold(Duration.ZERO)", pinnedMicros)
                    .isNotNull();
            assertThat(message).as("Ex15: the message should name BriefInit.<clinit>: \"%s\"", message).contains("BriefInit.<clinit>");
            if (pinnedMicros < 10_000) {
                return;
            }
        }
    }

    /** Blocks inside synchronized, enters a contended monitor and waits on it: none of it pins since JDK 24 (JEP 491). */
    static Runnable synchronizedWork() {
        Object lock = new Object();
        CountDownLatch inside = new CountDownLatch(1);
        return onVirtualThreads(
                () -> {
                    synchronized (lock) {
                        inside.countDown();
                        sleep(20);                    // blocks while holding the monitor
                    }
                },
                () -> {
                    try {
                        inside.await();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    synchronized (lock) {             // blocks to enter it
                        try {
                            lock.wait(5);             // and waits on it
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                        }
                    }
                });
    }

    @Test
    @Tag("contract:state")
    @DisplayName("two runs in one JVM: a pinned run fails; the run after it, which only blocks in synchronized (no pin since JDK 24), passes")
    void aRunAfterAPinnedOnePassesWhenOnlySynchronizedBlocks() {
        String first = verdict(onVirtualThreads(() -> initializeFresh(SlowInit.class)), "pinned");
        assertThat(first).as("Ex15: the first run pinned request-1 in SlowInit.<clinit> for 30 ms, and runUnpinned passed. "
                + "Hint: RecordingStream.stop() (not close) waits for the events recorded so far: stop before you decide").isNotNull();
        String second = verdict(synchronizedWork(), "synchronized");
        assertThat(second)
                .as("Ex15: the second run only blocked inside synchronized, entered a contended monitor and called Object.wait, "
                        + "none of which pins a virtual thread since JDK 24 (JEP 491), but runUnpinned failed with \"%s\". Either "
                        + "the pins of the earlier run were kept (each run must collect its own: a local list, not a static one), "
                        + "or something that is not jdk.VirtualThreadPinned was counted", second)
                .isNull();
    }

    @Test
    @Tag("contract:lifecycle")
    @DisplayName("each run leaves no JFR recording behind, pinned or not")
    void leavesNoRecordingBehind() {
        int before = FlightRecorder.getFlightRecorder().getRecordings().size();
        verdict(onVirtualThreads(() -> sleep(2)), "clean");
        verdict(onVirtualThreads(() -> initializeFresh(BriefInit.class)), "pinned");
        int after = FlightRecorder.getFlightRecorder().getRecordings().size();
        assertThat(after)
                .as("Ex15: two runs left %d JFR recordings behind: a RecordingStream records until it is closed, for the life of "
                        + "the JVM. Hint: try (RecordingStream stream = new RecordingStream()) { ... }", after - before)
                .isEqualTo(before);
    }

    @Test
    @Tag("contract:errors")
    @DisplayName("a workload that throws: the same exception comes out, and the recording is closed")
    void aFailingWorkloadThrowsTheSameAndClosesTheRecording() {
        int before = FlightRecorder.getFlightRecorder().getRecordings().size();
        IllegalArgumentException boom = new IllegalArgumentException("boom");
        Throwable thrown = null;
        try {
            Ex15_PinningDetector.runUnpinned(() -> {
                throw boom;
            });
        } catch (Throwable t) {
            thrown = t;
        }
        assertThat(thrown).as("Ex15: the workload threw IllegalArgumentException(\"boom\"); runUnpinned should throw that same "
                + "exception, not %s", thrown).isSameAs(boom);
        assertThat(FlightRecorder.getFlightRecorder().getRecordings().size())
                .as("Ex15: after a workload that threw, its recording was left open. Hint: try-with-resources closes it on every path")
                .isEqualTo(before);
    }
}
