package course.pitfalls;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeoutException;
import java.util.stream.IntStream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Ex07 · A platform thread per request under a traffic spike")
class Ex07_ThreadPerRequestTest {

    private static final int SPIKE = 2_000;
    /** Generous: carrier threads, JVM housekeeping. Far below one per request. */
    private static final int MAX_NEW_PLATFORM_THREADS = 256;

    @Test
    @DisplayName("a spike of 2,000 waiting requests is served all at once, without starting 2,000 platform threads")
    void spikeDoesNotStartAThreadPerRequest() throws Exception {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        // Each request waits (like a slow downstream call) until every request of the spike is in flight,
        // or until the test gives up on that after 5 s.
        CountDownLatch allInFlight = new CountDownLatch(SPIKE);
        CountDownLatch release = new CountDownLatch(1);
        List<CompletableFuture<String>> replies;
        int newPlatformThreads;
        long inFlightAtOnce;

        try (var server = new Ex07_ThreadPerRequest()) {
            int before = threads.getThreadCount();
            threads.resetPeakThreadCount();
            try {
                replies = IntStream.range(0, SPIKE)
                    .mapToObj(i -> server.handle(() -> {
                        allInFlight.countDown();
                        release.await(8, SECONDS);
                        return "reply " + i;
                    }))
                    .toList();
                allInFlight.await(5, SECONDS);
                inFlightAtOnce = SPIKE - allInFlight.getCount();
                newPlatformThreads = threads.getPeakThreadCount() - before;
            } finally {
                release.countDown();
            }
            CompletableFuture.allOf(replies.toArray(CompletableFuture[]::new)).get(8, SECONDS);
        }

        assertThat(newPlatformThreads)
            .as("Ex07: %d requests made %d new platform (OS) threads: the spike decides how many threads exist. "
                + "Hint: a thread per request is fine when the thread is virtual", SPIKE, newPlatformThreads)
            .isLessThanOrEqualTo(MAX_NEW_PLATFORM_THREADS);
        assertThat(inFlightAtOnce)
            .as("Ex07: only %d of %d requests were in flight at once (5 s): they only wait, yet a pool with a few threads "
                + "(a fixed pool, or the JDK's common pool behind supplyAsync without an executor) makes each wait behind "
                + "the others. Hint: a waiting request costs a virtual thread about 2 KB, so give every request one",
                inFlightAtOnce, SPIKE)
            .isEqualTo(SPIKE);
        assertThat(replies.getLast().join()).as("Ex07: every request still gets its reply").isEqualTo("reply " + (SPIKE - 1));
    }

    @Test
    @DisplayName("close() waits for the requests in flight")
    void closeWaitsForRequestsInFlight() throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch mayFinish = new CountDownLatch(1);
        CountDownLatch closed = new CountDownLatch(1);
        var server = new Ex07_ThreadPerRequest();
        CompletableFuture<String> reply = server.handle(() -> {
            started.countDown();
            mayFinish.await(5, SECONDS);
            return "done";
        });
        assertThat(started.await(2, SECONDS)).as("Ex07: the request started").isTrue();
        // Stopping the server (a daemon, so a close() that never returns cannot hold up the JVM).
        Thread.ofPlatform().daemon().name("ex07-stopper").start(() -> {
            server.close();
            closed.countDown();
        });
        try {
            assertThat(closed.await(1, SECONDS))
                .as("Ex07: close() returned while a request was still in flight: a server that stops this way cuts off the "
                    + "requests it accepted (shutdown() only stops new ones; a bare thread per request has nobody to wait "
                    + "for it). Hint: keep the requests' ExecutorService and close() it: close waits for its tasks")
                .isFalse();
        } finally {
            mayFinish.countDown();
        }
        assertThat(closed.await(3, SECONDS)).as("Ex07: close() returns once the last request is done").isTrue();
        try {
            assertThat(reply.get(1, SECONDS)).as("Ex07: the request in flight still gets its reply").isEqualTo("done");
        } catch (TimeoutException lost) {
            fail("Ex07: close() returned but the request in flight never got its reply");
        }
    }
}
