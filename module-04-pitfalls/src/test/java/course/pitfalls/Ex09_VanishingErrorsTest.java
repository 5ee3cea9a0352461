package course.pitfalls;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;

import io.reactivex.rxjava3.core.Observable;
import io.reactivex.rxjava3.plugins.RxJavaPlugins;
import io.vertx.core.Future;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Ex09 · Errors that vanish")
class Ex09_VanishingErrorsTest {

    /** The error reporter: the first failure it receives. */
    private final CompletableFuture<Throwable> reported = new CompletableFuture<>();
    private final Ex09_VanishingErrors service = new Ex09_VanishingErrors(reported::complete);

    @AfterEach
    void restoreRxGlobalHandler() {
        RxJavaPlugins.setErrorHandler(null);
    }

    @Test
    @DisplayName("a background task that throws is reported")
    void backgroundTaskFailureIsReported() throws Exception {
        IllegalStateException boom = new IllegalStateException("nightly job failed");
        try (ExecutorService executor = Executors.newSingleThreadExecutor()) {
            service.runInBackground(executor, () -> {
                throw boom;
            });
            assertThat(reportedWithin2s())
                .as("Ex09: the task's exception never reached the error reporter: submit() kept it in a Future nobody reads. "
                    + "Hint: CompletableFuture.runAsync(job, executor).exceptionally(failure -> ...), and unwrap the CompletionException")
                .isSameAs(boom);
        }
    }

    @Test
    @DisplayName("an error in an Rx stream is reported, not left to the global handler")
    void rxErrorIsReported() throws Exception {
        List<Throwable> lastResort = new ArrayList<>();
        RxJavaPlugins.setErrorHandler(lastResort::add); // RxJava's global last resort, watched by the test
        IOException badEvent = new IOException("malformed event");

        service.consume(Observable.just("a", "b").concatWith(Observable.error(badEvent)), event -> { });

        assertThat(lastResort)
            .as("Ex09: the stream's error fell through to RxJavaPlugins.onError, the global last resort (%s). "
                + "Hint: subscribe(onNext, onError) and send the error to the reporter", lastResort)
            .isEmpty();
        assertThat(reportedWithin2s()).as("Ex09: the stream's error should reach the error reporter").isSameAs(badEvent);
    }

    @Test
    @DisplayName("a failed Vert.x future nobody waits for is reported")
    void failedVertxFutureIsReported() throws Exception {
        IOException diskFull = new IOException("disk full");

        service.saveInBackground(() -> Future.failedFuture(diskFull));

        assertThat(reportedWithin2s())
            .as("Ex09: the save failed and nobody heard: a Vert.x future's failure is lost unless someone listens. "
                + "Hint: save.get().onFailure(errors::accept)")
            .isSameAs(diskFull);
    }

    private Throwable reportedWithin2s() throws Exception {
        try {
            return reported.get(2, SECONDS);
        } catch (TimeoutException nothingReported) {
            return null;
        }
    }
}
