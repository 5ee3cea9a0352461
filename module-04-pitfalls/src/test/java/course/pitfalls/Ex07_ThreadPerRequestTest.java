package course.pitfalls;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.TimeoutException;
import java.util.stream.IntStream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@DisplayName("Ex07 · A platform thread per request under a traffic spike")
class Ex07_ThreadPerRequestTest {

    private static final int SPIKE = 2_000;
    /** Generous: carrier threads, JVM housekeeping. Far below one per request. */
    private static final int MAX_NEW_PLATFORM_THREADS = 256;

    @Test
    @Tag("contract:values")
    @Tag("contract:concurrency")
    @Timeout(value = 40, unit = SECONDS) // its own waits add up to 13 s (5 s for the spike, 8 s for the replies), and a wrong
                                         // answer's hundreds of OS threads start slowly on a loaded machine
    @DisplayName("a spike of 2,000 waiting requests is served all at once, without starting 2,000 platform threads")
    void spikeDoesNotStartAThreadPerRequest() throws Exception {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        // Each request waits (like a slow downstream call) until every request of the spike is in flight,
        // or until the test gives up on that after 5 s.
        CountDownLatch allInFlight = new CountDownLatch(SPIKE);
        CountDownLatch release = new CountDownLatch(1);
        List<CompletableFuture<String>> replies = new ArrayList<>();
        int newPlatformThreads;
        long inFlightAtOnce;

        try (var server = new Ex07_ThreadPerRequest()) {
            int before = threads.getThreadCount();
            threads.resetPeakThreadCount();
            try {
                for (int i = 0; i < SPIKE; i++) {
                    String reply = "reply " + i;
                    replies.add(server.handle(() -> {
                        allInFlight.countDown();
                        release.await(8, SECONDS);
                        return reply;
                    }));
                    // A thread per request shows long before the 2,000th: the spike stops there, so that answer
                    // fails at once, also on a loaded machine where 2,000 OS threads take seconds to start.
                    if (threads.getThreadCount() - before > MAX_NEW_PLATFORM_THREADS) break;
                }
                if (replies.size() == SPIKE) allInFlight.await(5, SECONDS);
                inFlightAtOnce = SPIKE - allInFlight.getCount();
                newPlatformThreads = threads.getPeakThreadCount() - before;
            } finally {
                release.countDown();
            }
            CompletableFuture.allOf(replies.toArray(CompletableFuture[]::new)).get(8, SECONDS);
        }

        assertThat(newPlatformThreads)
            .as("Ex07: %d requests made %d new platform (OS) threads: the spike decides how many threads exist. "
                + "Hint: a thread per request is fine when the thread is virtual", replies.size(), newPlatformThreads)
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
    @Tag("contract:errors")
    @Tag("contract:concurrency")
    @Timeout(value = 30, unit = SECONDS) // its own waits add up to 10 s: 5 s for the spike, 5 s for a reply that never comes
    @DisplayName("a spike of 500 requests that fail: each reply fails with its own request's exception, and no thread per request")
    void failingRequestsFailTheirReplies() throws Exception {
        int spike = 500;
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        CountDownLatch allInFlight = new CountDownLatch(spike);
        List<CompletableFuture<String>> replies;
        int newPlatformThreads;
        try (var server = new Ex07_ThreadPerRequest()) {
            int before = threads.getThreadCount();
            threads.resetPeakThreadCount();
            // Each request waits until all are in flight (at most 5 s), then its downstream call fails.
            replies = IntStream.range(0, spike)
                .mapToObj(i -> server.handle(() -> {
                    allInFlight.countDown();
                    allInFlight.await(5, SECONDS);
                    throw new java.io.IOException("downstream failed for request " + i);
                }))
                .toList();
            allInFlight.await(5, SECONDS);
            newPlatformThreads = threads.getPeakThreadCount() - before;
            for (int i = 0; i < spike; i++) {
                Throwable failure;
                try {
                    replies.get(i).get(5, SECONDS);
                    failure = null;
                } catch (ExecutionException failed) {
                    failure = failed.getCause();
                } catch (TimeoutException pending) {
                    fail("Ex07: request %d threw, and 5 s later its reply had still not completed: the failure stayed "
                        + "where nobody looks (the Future that submit returns, a thread's uncaught-exception handler), and "
                        + "its caller waits for ever. Hint: supplyAsync(..., executor) fails the reply with the request's "
                        + "exception; or catch it and completeExceptionally", i);
                    return;
                }
                assertThat(failure)
                    .as("Ex07: request %d threw an IOException, so its reply should fail with it, not %s", i,
                        failure == null ? "succeed" : failure)
                    .isInstanceOf(java.io.IOException.class)
                    .hasMessage("downstream failed for request " + i);
            }
        }
        assertThat(newPlatformThreads)
            .as("Ex07: %d requests made %d new platform (OS) threads: the spike decides how many threads exist. "
                + "Hint: a thread per request is fine when the thread is virtual", spike, newPlatformThreads)
            .isLessThanOrEqualTo(MAX_NEW_PLATFORM_THREADS);
    }

    @Test
    @Tag("contract:state")
    @Tag("contract:lifecycle")
    @Timeout(value = 30, unit = SECONDS)
    @DisplayName("two servers side by side: closing one neither waits for nor stops the other, which still waits for its own")
    void closingOneServerLeavesTheOtherAlone() throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch mayFinish = new CountDownLatch(1);
        var busy = new Ex07_ThreadPerRequest();
        var idle = new Ex07_ThreadPerRequest();
        try {
            CompletableFuture<String> slow = busy.handle(() -> {
                started.countDown();
                mayFinish.await(20, SECONDS); // held until the test lets it go: the limit only frees a test that failed
                return "slow";
            });
            assertThat(started.await(2, SECONDS)).as("Ex07: the request started").isTrue();

            CountDownLatch idleClosed = new CountDownLatch(1);
            Thread.ofPlatform().daemon().name("ex07-idle-stopper").start(() -> {
                idle.close();
                idleClosed.countDown();
            });
            assertThat(idleClosed.await(2, SECONDS))
                .as("Ex07: closing a server with no request in flight took more than 2 s while another server had one: "
                    + "close() waited for the other server's request, so both share one executor (a static field?). "
                    + "Hint: each server makes its own executor, and close() closes only that")
                .isTrue();
            CompletableFuture<String> after;
            try {
                after = busy.handle(() -> "after");
            } catch (RuntimeException rejected) {
                fail("Ex07: after another server was closed, this one refused a request (" + rejected + "): both share one "
                    + "executor (a static field?), and closing one closed it for all. Hint: each server makes its own "
                    + "executor, and close() closes only that");
                return;
            }
            try {
                assertThat(after.get(2, SECONDS)).as("Ex07: a server still open answers").isEqualTo("after");
            } catch (ExecutionException rejected) {
                fail("Ex07: after another server was closed, this one failed a request (" + rejected.getCause() + "): both "
                    + "share one executor (a static field?), and closing one closed it for all. Hint: each server makes its "
                    + "own executor, and close() closes only that");
            }

            CountDownLatch busyClosed = new CountDownLatch(1);
            Thread.ofPlatform().daemon().name("ex07-busy-stopper").start(() -> {
                busy.close();
                busyClosed.countDown();
            });
            assertThat(busyClosed.await(500, java.util.concurrent.TimeUnit.MILLISECONDS))
                .as("Ex07: close() returned while its own request was still in flight: the server cuts off the requests it "
                    + "accepted. Hint: keep the requests' ExecutorService and close() it: close waits for its tasks")
                .isFalse();
            mayFinish.countDown();
            assertThat(busyClosed.await(3, SECONDS)).as("Ex07: close() returns once the last request is done").isTrue();
            assertThat(slow.get(1, SECONDS)).as("Ex07: the request in flight still gets its reply").isEqualTo("slow");
        } finally {
            mayFinish.countDown();
        }
    }

    @Test
    @Tag("contract:lifecycle")
    @Timeout(value = 30, unit = SECONDS)
    @DisplayName("close() waits for the requests in flight")
    void closeWaitsForRequestsInFlight() throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch mayFinish = new CountDownLatch(1);
        CountDownLatch closed = new CountDownLatch(1);
        var server = new Ex07_ThreadPerRequest();
        AtomicBoolean interrupted = new AtomicBoolean();
        CompletableFuture<String> reply = server.handle(() -> {
            started.countDown();
            try {
                mayFinish.await(20, SECONDS); // held until the test lets it go: the limit only frees a test that failed
            } catch (InterruptedException cutOff) {
                interrupted.set(true);
                throw cutOff;
            }
            return "done";
        });
        assertThat(started.await(2, SECONDS)).as("Ex07: the request started").isTrue();
        // Stopping the server (a daemon, so a close() that never returns cannot hold up the JVM).
        Thread.ofPlatform().daemon().name("ex07-stopper").start(() -> {
            server.close();
            closed.countDown();
        });
        try {
            boolean returnedAtOnce = closed.await(1, SECONDS);
            assertThat(interrupted)
                .as("Ex07: close() interrupted the request in flight (shutdownNow(), or closing with interrupts): the "
                    + "requests it then waits for are the ones it just broke, and their callers get an InterruptedException "
                    + "instead of a reply. Hint: close() the requests' ExecutorService: it stops new ones and waits for the "
                    + "ones in flight without interrupting them")
                .isFalse();
            assertThat(returnedAtOnce)
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
