package course.threads;

import course.threads.support.Rendezvous;
import course.threads.support.Starter;
import course.threads.support.TrackingThreadFactory;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.opentest4j.AssertionFailedError;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

@DisplayName("Ex04 · Blocking downloads run side by side")
class Ex04_BlockingDownloadsTest {

    private static List<String> urls(int count) {
        return IntStream.range(0, count).mapToObj(i -> "http://localhost/page/" + i).toList();
    }

    /**
     * Calls downloadAll, but gives up after 8 s (the downloads here take well under a second): a pool that is
     * waited for but never shut down never terminates.
     */
    private static List<String> downloadAll(List<String> urls, Function<String, String> download) {
        return assertTimeoutPreemptively(Duration.ofSeconds(8), () -> Ex04_BlockingDownloads.downloadAll(urls, download),
            () -> "Ex04: downloadAll did not return within 8 s, although its downloads were done long before. Hint: a pool terminates "
                + "only once it has been shut down, so awaitTermination() without shutdown() waits forever; try-with-resources closes "
                + "the pool, and close() shuts it down, then waits");
    }

    @Tag("contract:concurrency")
    @Tag("contract:state")
    @Tag("contract:cores")
    @ParameterizedTest(name = "{0} downloads")
    @ValueSource(ints = {25, 130})
    @Timeout(30)
    @DisplayName("all the downloads are waiting at the same time, however many there are")
    void downloadsOverlap(int count) throws Exception {
        // More than a guessed pool of 10, 20 or 100. Starting 130 threads can take seconds on a
        // busy machine, so the first arrival waits up to 10 s for the last.
        Rendezvous allWaiting = new Rendezvous(count, Duration.ofSeconds(10));

        Ex04_BlockingDownloads.downloadAll(urls(count), url -> {
            allWaiting.arrive();                                  // all of them must be in flight together
            return Ex04_BlockingDownloads.fakeDownload(url);
        });

        assertThat(allWaiting.allMet())
            .as("Ex04: the %d blocking downloads should all be waiting at the same moment, not one after another or a few at a time (%s). "
                + "Hint: waiting threads do not compete for the cores, so the thread count follows the number of waits (the list's size, "
                + "not a number you pick or the cores), and every download must be submitted before you wait for any", count, allWaiting)
            .isTrue();
    }

    @Tag("contract:lifecycle")
    @Test
    @DisplayName("the threads that ran the downloads have ended afterwards")
    void leavesNoThreadBehind() throws Exception {
        Set<Thread> downloaders = ConcurrentHashMap.newKeySet();

        downloadAll(urls(8), url -> {
            downloaders.add(Thread.currentThread());
            return "body";
        });

        assertThat(TrackingThreadFactory.allEndWithin(downloaders, Duration.ofSeconds(5)))
            .as("Ex04: 5 s after downloadAll returned, the threads that ran the downloads are still alive: %s. "
                + "Hint: a pool's threads live until the pool is shut down; open it in try-with-resources",
                downloaders.stream().filter(Thread::isAlive).toList())
            .isTrue();
    }

    @Tag("contract:values")
    @Test
    @DisplayName("the bodies come back in url order, whichever download finishes first")
    void bodiesInUrlOrder() throws Exception {
        List<String> urls = urls(5);

        List<String> bodies = downloadAll(urls, url -> {
            int page = Integer.parseInt(url.substring(url.lastIndexOf('/') + 1));
            sleep(Duration.ofMillis((5 - page) * 20L));           // the first url is the slowest
            return "body of page " + page;
        });

        assertThat(bodies)
            .as("Ex04: bodies[i] should be the body of urls[i] (here the first url is the slowest). Hint: keep the Futures in url order and read them in that order")
            .containsExactly("body of page 0", "body of page 1", "body of page 2", "body of page 3", "body of page 4");
    }

    @Tag("contract:concurrency")
    @Test
    @DisplayName("30 downloads of 100 ms take about one download's time, far from 3 s")
    void takesAboutOneDownloadsTime() throws Exception {
        long start = System.nanoTime();
        List<String> bodies = downloadAll(urls(30), Ex04_BlockingDownloads::fakeDownload);
        Duration took = Duration.ofNanos(System.nanoTime() - start);

        assertThat(bodies).as("Ex04: one body per url").hasSize(30);
        // One after another: at least 30 x 100 ms = 3 s, whatever the machine. Side by side: ~100 ms
        // plus 30 thread starts, which a busy 2-core machine may stretch to most of a second.
        assertThat(took)
            .as("Ex04: 30 overlapping 100 ms downloads should take about 100 ms, not 3 s (took %d ms). Hint: submit every download before you wait for any", took.toMillis())
            .isLessThan(Duration.ofMillis(2_500));
    }

    @Tag("contract:errors")
    @Tag("contract:lifecycle")
    @Test
    @DisplayName("a download that fails: its failure reaches the caller, and no downloading thread is left behind")
    void aFailedDownloadReachesTheCaller() {
        Set<Thread> downloaders = ConcurrentHashMap.newKeySet();
        IllegalStateException gone = new IllegalStateException("page 3 is gone");

        Throwable thrown = catchThrowable(() -> downloadAll(urls(6), url -> {
            downloaders.add(Thread.currentThread());
            sleep(Duration.ofMillis(50));                         // the others are still in flight when page 3 fails
            if (url.endsWith("/3")) {
                throw gone;
            }
            return "body";
        }));
        if (thrown instanceof AssertionFailedError neverReturned) {
            throw neverReturned;                                  // downloadAll's own time limit ran out: its message says why
        }
        Starter.unlessNotImplemented(thrown);

        assertThat(thrown)
            .as("Ex04: download 3 of 6 threw, but downloadAll %s. Hint: Future.get() throws the download's failure (wrapped in an "
                + "ExecutionException); let it reach the caller, with the original exception as its cause, rather than a null body or a shorter list",
                thrown == null ? "returned as if all had worked" : "threw " + thrown + ", which does not carry it")
            .isNotNull()
            .satisfies(t -> assertThat(causes(t)).as("Ex04: the caller should find the download's own exception among the causes of what downloadAll threw").contains(gone));
        assertThat(TrackingThreadFactory.allEndWithin(downloaders, Duration.ofSeconds(5)))
            .as("Ex04: after a failed download, the threads that ran the downloads are still alive 5 s later: %s. The failure left "
                + "downloadAll before the pool was shut down. Hint: try-with-resources closes the pool on the failing path too",
                downloaders.stream().filter(Thread::isAlive).toList())
            .isTrue();
    }

    private static List<Throwable> causes(Throwable t) {
        List<Throwable> out = new java.util.ArrayList<>();
        for (Throwable c = t; c != null && !out.contains(c); c = c.getCause()) {
            out.add(c);
        }
        return out;
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
