package course.tools;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Event;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.Recording;

/**
 * The JFR recording of {@code timeline}, started by TestRunner when {@code -Dcourse.timeline} names a file and dumped there
 * after the tests; from code, because the runner's Runtime.halt skips the dump -XX:StartFlightRecording would do at exit.
 */
final class TimelineRecording {

    /** One test method, from its start to its end, on the thread that ran it. */
    @Name("course.TestMethod")
    @Label("Test method")
    @Category("Course")
    @Description("A test method run by the course's test runner")
    static final class TestMethod extends Event {
        @Label("Test class")
        String testClass;
        @Label("Test")
        String test;
        @Label("Status")
        String status;
    }

    /** The events recorded (thresholds 0: a test run is short), and those of them recorded with their stack. */
    private static final List<String> EVENTS = List.of("jdk.ThreadStart", "jdk.ThreadEnd", "jdk.ThreadPark", "jdk.JavaMonitorEnter",
            "jdk.JavaMonitorWait", "jdk.ThreadSleep", "jdk.VirtualThreadStart", "jdk.VirtualThreadEnd", "jdk.VirtualThreadPinned", "course.TestMethod");
    private static final List<String> WITH_STACK = List.of("jdk.ThreadPark", "jdk.JavaMonitorEnter", "jdk.VirtualThreadPinned");

    private final Recording recording;
    private final Path file;

    private TimelineRecording(Recording recording, Path file) {
        this.recording = recording;
        this.file = file;
    }

    /** The recording asked for by {@code -Dcourse.timeline=FILE}, started; null when not asked for. */
    static TimelineRecording startIfAsked() {
        String file = System.getProperty("course.timeline", "");
        if (file.isBlank()) return null;
        Recording r = new Recording();
        r.setName("course-timeline");
        for (String e : EVENTS) {
            var s = r.enable(e).withThreshold(Duration.ZERO);
            if (WITH_STACK.contains(e)) s.withStackTrace(); else s.withoutStackTrace();
        }
        r.enable("jdk.ExecutionSample").withPeriod(Duration.ofMillis(10)).withStackTrace();
        r.setToDisk(true);
        r.setMaxSize(256L << 20); // thousands of parks a second with their stacks add up; past this, JFR drops the oldest chunks
        r.start();
        return new TimelineRecording(r, Path.of(file));
    }

    /** Stops the recording and writes it to its file. */
    void dump() {
        try (recording) {
            recording.stop();
            recording.dump(file);
        } catch (IOException | IllegalStateException e) {
            System.err.println("course timeline: the recording could not be written: " + e);
        }
    }
}
