// Wrong: the pool is never shut down, so its download threads outlive the call
// Caught by: leavesNoThreadBehind
package course.threads;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;

public final class Ex04_BlockingDownloads {

    private Ex04_BlockingDownloads() {
    }

    public static String fakeDownload(String url) {
        try {
            Thread.sleep(100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("download of " + url + " interrupted", e);
        }
        return "<html>" + url + "</html>";
    }

    public static List<String> downloadAll(List<String> urls, Function<String, String> download) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(urls.size());
        List<Future<String>> pending = new ArrayList<>();
        for (String url : urls) {
            pending.add(pool.submit(() -> download.apply(url)));
        }
        List<String> bodies = new ArrayList<>();
        for (Future<String> body : pending) {
            bodies.add(body.get());
        }
        return bodies;
    }
}
