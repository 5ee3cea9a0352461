package course.threads;

import course.threads.support.TrackingThreadFactory;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("Ex08 · What a platform thread costs")
class Ex08_ThreadCostTest {

    @Test
    @DisplayName("the measurement really starts and joins n threads, and takes some time")
    void startsAndJoinsNThreads() throws Exception {
        TrackingThreadFactory factory = new TrackingThreadFactory("ex08");

        Ex08_ThreadCost.StartCost cost = Ex08_ThreadCost.measureStartAndJoin(50, factory);

        assertThat(factory.created())
            .as("Ex08: measuring 50 threads should make 50 threads with the given factory. Hint: factory.newThread(...) inside the loop")
            .hasSize(50);
        assertThat(factory.ran())
            .as("Ex08: every thread should be started, not just created. Hint: start() then join() each one")
            .isEqualTo(50);
        assertThat(factory.alive())
            .as("Ex08: every thread should have been joined before the measurement ends")
            .isEmpty();
        assertThat(cost.threads()).as("Ex08: report how many threads you measured").isEqualTo(50);
        assertThat(cost.total())
            .as("Ex08: starting and joining 50 threads takes a measurable time. Hint: StopWatch.createStarted(), stop(), getDuration()")
            .isPositive();
    }

    @Test
    @DisplayName("500 threads take longer than 1 (no absolute time is checked)")
    void growsWithTheNumberOfThreads() throws Exception {
        // The best of 5 single-thread runs against one 500-thread run: a 500x difference in
        // work, so a loaded machine cannot turn the comparison around.
        Duration oneThread = IntStream.range(0, 5)
            .mapToObj(i -> measure(1))
            .min(Duration::compareTo)
            .orElseThrow();
        Duration fiveHundred = measure(500);

        assertThat(fiveHundred)
            .as("Ex08: the total for 500 threads (%s) should exceed the total for 1 (%s). Hint: start the watch before the loop, stop it after", fiveHundred, oneThread)
            .isGreaterThan(oneThread);
    }

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

        assertThat(output)
            .as("Ex08: with -Xss640k, defaultStackSizeBytes() should say 640 x 1024 = 655360 bytes. Hint: the HotSpot option ThreadStackSize, in KiB")
            .isEqualTo("655360");
    }

    private static Duration measure(int threads) {
        try {
            return Ex08_ThreadCost.measureStartAndJoin(threads, new TrackingThreadFactory("ex08")).total();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Runs in the child JVM: prints the learner's answer, or the error it threw. */
    static final class PrintDefaultStackSize {
        public static void main(String[] args) {
            System.out.println(Ex08_ThreadCost.defaultStackSizeBytes());
        }
    }
}
