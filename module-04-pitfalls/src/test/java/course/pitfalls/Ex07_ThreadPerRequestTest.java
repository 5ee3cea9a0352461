package course.pitfalls;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.stream.IntStream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Ex07 · A platform thread per request under a traffic spike")
class Ex07_ThreadPerRequestTest {

    private static final int SPIKE = 2_000;
    /** Generous: carrier threads, a bounded pool's threads, JVM housekeeping. Far below one per request. */
    private static final int MAX_NEW_PLATFORM_THREADS = 256;

    @Test
    @DisplayName("a spike of 2,000 requests does not start 2,000 platform threads")
    void spikeDoesNotStartAThreadPerRequest() throws Exception {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        CountDownLatch spikeIsOver = new CountDownLatch(1);
        List<CompletableFuture<String>> replies;
        int newPlatformThreads;

        try (var server = new Ex07_ThreadPerRequest()) {
            int before = threads.getThreadCount();
            threads.resetPeakThreadCount();
            try {
                // 2,000 requests arrive at once; each waits (like a slow downstream call) until the spike is over.
                replies = IntStream.range(0, SPIKE)
                    .mapToObj(i -> server.handle(() -> {
                        spikeIsOver.await(5, SECONDS);
                        return "reply " + i;
                    }))
                    .toList();
                newPlatformThreads = threads.getPeakThreadCount() - before;
            } finally {
                spikeIsOver.countDown();
            }
            CompletableFuture.allOf(replies.toArray(CompletableFuture[]::new)).get(8, SECONDS);
        }

        assertThat(newPlatformThreads)
            .as("Ex07: %d requests made %d new platform (OS) threads: the spike decides how many threads exist. "
                + "Hint: run requests on Executors.newVirtualThreadPerTaskExecutor() or a bounded pool", SPIKE, newPlatformThreads)
            .isLessThanOrEqualTo(MAX_NEW_PLATFORM_THREADS);
        assertThat(replies.getLast().join()).as("Ex07: every request still gets its reply").isEqualTo("reply " + (SPIKE - 1));
    }
}
