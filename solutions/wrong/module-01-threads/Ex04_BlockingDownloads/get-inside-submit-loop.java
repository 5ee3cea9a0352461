// Wrong: submits a download and waits for it before submitting the next, so the waits add up
// Caught by: downloadsOverlap
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
        try (ExecutorService pool = Executors.newFixedThreadPool(urls.size())) {
            List<String> bodies = new ArrayList<>();
            for (String url : urls) {
                bodies.add(pool.submit(() -> download.apply(url)).get());
            }
            return bodies;
        }
    }
}
