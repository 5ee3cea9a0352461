// Wrong: a parallel stream: blocking waits on the common pool, which has cores - 1 workers plus the caller
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
        return urls.parallelStream().map(download).toList();
    }
}
