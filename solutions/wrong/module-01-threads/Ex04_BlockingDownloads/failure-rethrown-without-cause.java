// Wrong: rethrows a failed download as a new exception that keeps only the message: the download's own exception is lost
// Caught by: aFailedDownloadReachesTheCaller
package course.threads;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;

/**
 * Ex04 · Blocking "downloads" run side by side.
 *
 * <p>A blocking call (a socket read, a JDBC query, Thread.sleep) parks its thread and uses no
 * CPU while it waits. Ten such calls in a row take ten waits; on ten threads they take one wait,
 * even on a single core, because waiting threads do not compete for the CPU. Here the number of
 * threads is set by the number of waits in flight, not by the number of cores: a pool sized to
 * the cores would let only that many downloads wait at a time.
 *
 * <p>That is also the limit of this approach: a thousand waits want a thousand threads. Ex09
 * (virtual threads) and module 02 (async) answer that.
 *
 * <p>Solution note: the two loops are the whole trick; one loop of submit-then-get would wait
 * for each download before starting the next.
 */
public final class Ex04_BlockingDownloads {

    private Ex04_BlockingDownloads() {
    }

    /** A stand-in for an HTTP GET: blocks its thread for about 100 ms, then returns a body. */
    public static String fakeDownload(String url) {
        try {
            Thread.sleep(100);                                    // the network round trip
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("download of " + url + " interrupted", e);
        }
        return "<html>" + url + "</html>";
    }

    /**
     * Downloads every url with {@code download}, all at the same time (one thread per url), and
     * returns the bodies in the order of {@code urls}.
     */
    public static List<String> downloadAll(List<String> urls, Function<String, String> download) throws Exception {
        try (ExecutorService pool = Executors.newFixedThreadPool(urls.size())) {   // one thread per wait
            List<Future<String>> pending = new ArrayList<>();
            for (String url : urls) {
                pending.add(pool.submit(() -> download.apply(url)));             // all in flight...
            }
            List<String> bodies = new ArrayList<>();
            for (Future<String> body : pending) {
                try {
                    bodies.add(body.get());                                       // ...before we wait
                } catch (java.util.concurrent.ExecutionException e) {
                    throw new IllegalStateException("a download failed: " + e.getMessage());
                }
            }
            return bodies;
        }
    }
}
