package course.threads;

import course.threads.support.TrackingThreadFactory;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("Ex08 · What a platform thread costs")
class Ex08_ThreadCostTest {

    @Tag("contract:placement")
    @Tag("contract:concurrency")
    @Tag("contract:lifecycle")
    @ParameterizedTest(name = "n = {0}")
    @ValueSource(ints = {50, 120})
    @DisplayName("the measurement really starts and joins n threads, one at a time, and every one has ended when it reports")
    void startsAndJoinsNThreadsOneAtATime(int n) throws Exception {
        // Every thread stays alive 2 ms after its task (the last one 300 ms), as a thread with slow
        // clean-up would: a measurement that does not wait for each thread cannot go unnoticed.
        TrackingThreadFactory factory = new TrackingThreadFactory("ex08", number -> Duration.ofMillis(number == n ? 300 : 2));

        Ex08_ThreadCost.StartCost cost = Ex08_ThreadCost.measureStartAndJoin(n, factory);
        List<Thread> aliveWhenReported = factory.alive();

        assertThat(factory.ranOnAnotherThread())
            .as("Ex08: %d of the threads' tasks ran on the caller's thread: run() is a plain method call, and no thread was started (or timed). "
                + "Hint: start() is what makes the OS thread whose cost you are measuring", factory.ranOnAnotherThread())
            .isZero();
        assertThat(factory.created())
            .as("Ex08: measuring %d threads should make %d threads with the given factory. Hint: factory.newThread(...) inside the loop", n, n)
            .hasSize(n);
        assertThat(factory.ran())
            .as("Ex08: every thread should be started, not just created. Hint: a thread runs only once it is started")
            .isEqualTo(n);
        assertThat(aliveWhenReported)
            .as("Ex08: when measureStartAndJoin returned, these threads were still running: the measurement ended before the threads did. "
                + "Hint: wait for each thread to end (join()) before starting the next")
            .isEmpty();
        assertThat(factory.peakRunning())
            .as("Ex08: %d threads were running at the same moment; this measures one start+join round trip after another, so at most 1. "
                + "Hint: join each thread before starting the next, in the same loop", factory.peakRunning())
            .isEqualTo(1);
        assertThat(cost.threads()).as("Ex08: report how many threads you measured").isEqualTo(n);
    }

    @Tag("contract:values")
    @ParameterizedTest(name = "n = {0}")
    @ValueSource(ints = {200, 500})
    @DisplayName("the total covers every start and join, from the first thread made to the last one ended")
    void totalCoversTheWholeLoop(int n) throws Exception {
        TrackingThreadFactory factory = new TrackingThreadFactory("ex08");

        Ex08_ThreadCost.StartCost cost = Ex08_ThreadCost.measureStartAndJoin(n, factory);
        Duration span = factory.spanFromFirstCreatedToLastEnded();

        // The watch must be running before the first newThread() and after the last join(), so its
        // total can only be longer than the span the factory saw (2 ms allowed for a coarse clock).
        assertThat(cost.total().plusMillis(2))
            .as("Ex08: the %d threads took %d us from the first newThread() to the last thread's end, but the measurement says %d us. "
                + "Hint: start the watch once, before the loop, and stop it once, after it", n, span.toNanos() / 1_000, cost.total().toNanos() / 1_000)
            .isGreaterThanOrEqualTo(span);
    }

    @Tag("contract:values")
    @Test
    @Timeout(30)
    @DisplayName("the stack reservation follows -Xss (checked in a fresh JVM started with -Xss640k)")
    void readsTheStackReservation() throws Exception {
        // -Xss only applies at JVM start, so ask a new JVM; it runs PrintDefaultStackSize below.
        String java = System.getProperty("java.home") + File.separator + "bin" + File.separator + "java";
        Process child = new ProcessBuilder(List.of(java, "-Xss640k", "-cp", System.getProperty("java.class.path"),
            PrintDefaultStackSize.class.getName()))
            .redirectErrorStream(true)
            .start();
        boolean ended = child.waitFor(20, TimeUnit.SECONDS);
        if (!ended) {
            child.destroyForcibly();
        }
        String output = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();

        if (output.contains("not implemented yet")) {
            throw new UnsupportedOperationException(output.lines().filter(line -> line.contains("not implemented yet")).findFirst().orElse(output)
                .replaceFirst(".*UnsupportedOperationException: ", ""));
        }
        assertThat(output)
            .as("Ex08: started with -Xss640k, defaultStackSizeBytes() should say 640 x 1024 = 655360 bytes%s. "
                + "Hint: ask the running JVM for the value of its option ThreadStackSize, and mind its unit",
                "640".equals(output) ? " (it said 640: that is the option's value in KiB, not bytes)"
                    : "1048576".equals(output) ? " (it said 1 MiB, the usual default, which this JVM was not started with)" : "")
            .isEqualTo("655360");
    }

    /** Runs in the child JVM: prints the learner's answer, or the error it threw. */
    static final class PrintDefaultStackSize {
        public static void main(String[] args) {
            System.out.println(Ex08_ThreadCost.defaultStackSizeBytes());
        }
    }
}
