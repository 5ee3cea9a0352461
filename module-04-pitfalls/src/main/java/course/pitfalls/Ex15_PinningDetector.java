package course.pitfalls;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import jdk.jfr.consumer.RecordedEvent;
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
        // TODO: symptom: this detector never fires. A service froze in production with every
        //  carrier pinned, yet its test run under this detector was green; when it does fire, its
        //  message names only JDK code; and the test JVM that runs it grows by one JFR recording
        //  per run. Make it see every pin while the workload runs, name the frame of the code that
        //  blocked, and leave nothing behind.
        List<String> pins = new CopyOnWriteArrayList<>();
        RecordingStream stream = new RecordingStream();
        stream.enable("jdk.VirtualThreadPinned");
        stream.onEvent("jdk.VirtualThreadPinned", event -> pins.add(describe(event)));
        stream.startAsync();
        workload.run();
        if (!pins.isEmpty()) {
            throw new IllegalStateException(pins.size() + " virtual threads were pinned to their carrier; first: " + pins.getFirst());
        }
    }

    static String describe(RecordedEvent event) {
        return "'" + event.getThread().getJavaName() + "' at "
                + (event.getStackTrace() == null ? "(no stack trace)" : event.getStackTrace().getFrames().getFirst().getMethod().getName());
    }
}
