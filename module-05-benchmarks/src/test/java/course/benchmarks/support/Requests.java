package course.benchmarks.support;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/** Ex07's client: the JDK's HTTP client sending {@code GET /?id=N} to a local server, many at once. */
public final class Requests implements AutoCloseable {

    /** What came back for one request: a status and body, or the failure (a timeout, a closed connection). */
    public record Answer(int id, int status, String body, String contentType, Throwable failure) {

        public boolean ok() {
            return failure == null && status == 200;
        }

        @Override
        public String toString() {
            return failure != null ? "request " + id + " failed: " + failure
                : "request " + id + " got " + status + " " + contentType + " " + body;
        }
    }

    private final HttpClient client = HttpClient.newBuilder()
        .version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(Duration.ofSeconds(5))
        .build();
    private final int port;

    public Requests(int port) {
        this.port = port;
    }

    /** Sends every id at once (one connection each), then waits for all the answers. */
    public List<Answer> sendAtOnce(List<Integer> ids, Duration timeout) {
        List<CompletableFuture<Answer>> answers = new ArrayList<>();
        for (int id : ids) {
            answers.add(sendAsync(id, timeout));
        }
        return answers.stream().map(CompletableFuture::join).toList();
    }

    /** Sends one request and waits for its answer. */
    public Answer send(int id, Duration timeout) {
        return sendAsync(id, timeout).join();
    }

    private CompletableFuture<Answer> sendAsync(int id, Duration timeout) {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/?id=" + id)).timeout(timeout).build();
        return client.sendAsync(request, HttpResponse.BodyHandlers.ofString())
            .handle((response, failure) -> failure == null
                ? new Answer(id, response.statusCode(), response.body(),
                    response.headers().firstValue("Content-Type").orElse(""), null)
                : new Answer(id, -1, null, null, failure instanceof CompletionException ? failure.getCause() : failure));
    }

    @Override
    public void close() {
        client.shutdownNow();
        try {
            client.awaitTermination(Duration.ofSeconds(2));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
