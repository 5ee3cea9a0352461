// Wrong: starts the stream once the workload is done, to read what happened: JFR records from the start on, nothing earlier
// Caught by: aBlockingClassInitializerFailsTheRunAndIsNamed
package course.pitfalls;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordingStream;

/**
 * Ex15 · A pinning detector: JFR tells when a virtual thread could not let go of its carrier.
 *
 * <p>A virtual thread that blocks normally unmounts: its carrier runs other virtual threads. When
 * it cannot unmount it is pinned, and the carrier blocks with it; with as many pinned threads as
 * carriers, every other virtual thread stops. Since JDK 24 (JEP 491) holding a monitor no longer
 * pins; in JDK 25 a virtual thread still pins when it blocks inside a class initializer, or under
 * a native frame (a JNI call, a callback from native code). The JVM records each pin as the JFR
 * event {@code jdk.VirtualThreadPinned}, with the stack that blocked; a test run can watch for it.
 */
public final class Ex15_PinningDetector {

    private Ex15_PinningDetector() {}

    /**
     * Runs {@code workload} (which starts virtual threads and waits for them) and throws an
     * IllegalStateException naming the frame of the code that blocked when a virtual thread was
     * pinned meanwhile, however briefly. A workload that throws throws the same.
     */
    public static void runUnpinned(Runnable workload) {
        List<String> pins = new CopyOnWriteArrayList<>();
        try (RecordingStream stream = new RecordingStream()) {
            // Threshold 0, said explicitly: the JDK's default and profile settings record only pins of 20 ms or more.
            stream.enable("jdk.VirtualThreadPinned").withThreshold(Duration.ZERO).withStackTrace();
            stream.onEvent("jdk.VirtualThreadPinned", event -> pins.add(describe(event)));
            workload.run();
            stream.startAsync();
            // Events reach the stream in batches (about once a second): stop() waits for those recorded so far.
            stream.stop();
        }
        if (!pins.isEmpty()) {
            throw new IllegalStateException(pins.size() + (pins.size() == 1 ? " virtual thread was" : " virtual threads were")
                    + " pinned to its carrier; first: " + pins.getFirst());
        }
    }

    /** The thread, how long, and the first frame of the code that blocked (below the JDK's own frames). */
    static String describe(RecordedEvent event) {
        String frame = "(no stack trace)";
        if (event.getStackTrace() != null) {
            for (RecordedFrame f : event.getStackTrace().getFrames()) {
                String type = f.getMethod().getType().getName();
                if (type.startsWith("java.") || type.startsWith("jdk.") || type.startsWith("sun.")) continue;
                frame = type + "." + f.getMethod().getName() + (f.getLineNumber() > 0 ? ":" + f.getLineNumber() : "");
                break;
            }
        }
        return "'" + event.getThread().getJavaName() + "' for " + event.getDuration().toNanos() / 1_000 + " µs at " + frame;
    }
}
