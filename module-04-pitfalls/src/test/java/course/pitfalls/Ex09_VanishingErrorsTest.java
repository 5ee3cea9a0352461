package course.pitfalls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.reactivex.rxjava3.core.Observable;
import io.reactivex.rxjava3.disposables.Disposable;
import io.reactivex.rxjava3.plugins.RxJavaPlugins;
import io.reactivex.rxjava3.subjects.PublishSubject;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@DisplayName("Ex09 · Errors that vanish")
class Ex09_VanishingErrorsTest {

    /** The error reporter: every failure it receives, in order (a null counts: it is a false alarm). */
    private final List<Throwable> reported = new CopyOnWriteArrayList<>();
    private final Ex09_VanishingErrors service = new Ex09_VanishingErrors(reported::add);

    @AfterEach
    void restoreRxGlobalHandler() {
        RxJavaPlugins.setErrorHandler(null);
    }

    @Test
    @Tag("contract:errors")
    @DisplayName("a background task that throws is reported, whether it throws an exception or an error; one that succeeds is not")
    void backgroundTaskFailureIsReported() throws Exception {
        IllegalStateException boom = new IllegalStateException("nightly job failed");
        AssertionError broken = new AssertionError("nightly job: invariant broken");
        try (ExecutorService executor = Executors.newSingleThreadExecutor()) {
            // First a job that succeeds. One thread runs the jobs in order, so whatever its end sends to the reporter
            // has been sent before the failing job after it is reported.
            service.runInBackground(executor, () -> { });
            service.runInBackground(executor, () -> {
                throw boom;
            });
            assertReportedWithin2s(boom, "Ex09: the task's exception never reached the error reporter: submit() kept it in a "
                + "Future nobody reads. Hint: CompletableFuture.runAsync(job, executor) and handle the failure in "
                + "exceptionally(...), or catch inside the task");
            assertThat(reported)
                .as("Ex09: a background job that succeeded sent null to the error reporter (%s): whenComplete and handle see "
                    + "every outcome, and a success has no failure. Every false alarm trains people to ignore the real ones. "
                    + "Hint: exceptionally(...) runs on failures only", reported)
                .doesNotContainNull();
            assertThat(reported.getFirst())
                .as("Ex09: the reporter received %s instead of the task's own exception: runAsync wraps it in a "
                    + "CompletionException. Hint: report failure.getCause() when it is a CompletionException", reported.getFirst())
                .isSameAs(boom);

            service.runInBackground(executor, () -> {
                throw broken;
            });
            assertReportedWithin2s(broken, "Ex09: a task that died of an Error (%s) never reached the error reporter: "
                .formatted(broken) + "catching Exception lets Errors (an assertion, a missing class, a stack overflow) "
                + "vanish. Hint: catch Throwable in the task, or let runAsync(...).exceptionally(...) see every failure");
        }
    }

    @Test
    @Tag("contract:errors")
    @DisplayName("an error in an Rx stream is reported, not left to the global handler")
    void rxErrorIsReported() {
        List<Throwable> lastResort = new CopyOnWriteArrayList<>();
        RxJavaPlugins.setErrorHandler(lastResort::add); // RxJava's global last resort, watched by the test
        IOException badEvent = new IOException("malformed event");

        service.consume(Observable.just("a", "b").concatWith(Observable.error(badEvent)), event -> { });

        assertThat(lastResort)
            .as("Ex09: the stream's error fell through to RxJavaPlugins.onError, the global last resort (%s), which only "
                + "prints it and hands it to the thread's uncaught-exception handler%s. Hint: subscribe(onNext, onError) "
                + "and send the error to the reporter", lastResort,
                reported.isEmpty() ? "" : "; doOnError saw it, but a subscribe without onError still sends it there")
            .isEmpty();
        assertReportedWithin2s(badEvent, "Ex09: the stream's error should reach the error reporter");
    }

    @Test
    @Tag("contract:errors")
    @Tag("contract:lifecycle")
    @DisplayName("consume() hands back the subscription itself: its error is reported, and disposing it stops the stream's events")
    void disposingWhatConsumeReturnsEndsTheSubscription() {
        RxJavaPlugins.setErrorHandler(e -> { });   // a wrong answer's unreported error must not fail this test elsewhere
        PublishSubject<String> failing = PublishSubject.create();
        IOException badEvent = new IOException("malformed event");
        service.consume(failing, event -> { });
        failing.onError(badEvent);
        assertReportedWithin2s(badEvent, "Ex09: the stream's error should reach the error reporter. Hint: subscribe(onNext, onError)");

        PublishSubject<String> events = PublishSubject.create();
        List<String> handled = new CopyOnWriteArrayList<>();
        Disposable subscription = service.consume(events, handled::add);
        events.onNext("before");
        assertThat(subscription).as("Ex09: consume() returned null; it should return the subscription, so its caller can end it").isNotNull();
        subscription.dispose();
        events.onNext("after");
        assertThat(events.hasObservers() || handled.contains("after"))
            .as("Ex09: the caller disposed what consume() returned, yet the stream still has a subscriber (events after "
                + "the dispose: %s). The Disposable handed back is not the subscription, so nothing can ever stop this "
                + "consumer. Hint: return what events.subscribe(onNext, onError) returns", handled)
            .isFalse();
        assertThat(handled).as("Ex09: the one event before the dispose is handled").containsExactly("before");
    }

    @Test
    @Tag("contract:errors")
    @DisplayName("a Vert.x save that fails later is reported; one that succeeds reports nothing")
    void failedVertxFutureIsReported() {
        IOException diskFull = new IOException("disk full");

        service.saveInBackground(Future::succeededFuture);
        assertThat(reported)
            .as("Ex09: a save that succeeded sent %s to the error reporter: every false alarm trains people to ignore the "
                + "real ones. Hint: onFailure(...) hears failures only", reported)
            .isEmpty();

        // The save fails a moment later, on another thread, like a real write.
        Promise<Void> saving = Promise.promise();
        service.saveInBackground(saving::future);
        Thread.ofPlatform().daemon().name("ex09-disk").start(() -> {
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            saving.fail(diskFull);
        });

        assertReportedWithin2s(diskFull, "Ex09: the save failed a moment later and nobody heard: a Vert.x future's failure "
            + "is lost unless someone listens for it (checking failed() at once only sees saves that failed already). "
            + "Hint: save.get().onFailure(errors::accept)");
    }

    @Test
    @Tag("contract:placement")
    @Tag("contract:errors")
    @Timeout(value = 20, unit = TimeUnit.SECONDS)
    @DisplayName("a background task runs on the executor, and runInBackground returns before it ends")
    void backgroundTaskRunsInTheBackground() throws Exception {
        IllegalStateException late = new IllegalStateException("nightly job failed after a while");
        CountDownLatch mayFail = new CountDownLatch(1);
        AtomicReference<Thread> ranOn = new AtomicReference<>();
        AtomicBoolean endedBeforeReturn = new AtomicBoolean();
        AtomicBoolean returned = new AtomicBoolean();
        Thread caller = Thread.currentThread();
        try (ExecutorService executor = Executors.newSingleThreadExecutor()) {
            service.runInBackground(executor, () -> {
                ranOn.set(Thread.currentThread());
                try {
                    // The test lets it go on once runInBackground has returned; a job run by the caller itself
                    // cannot wait for that (it would wait for itself), so it goes on at once.
                    if (Thread.currentThread() != caller) {
                        mayFail.await(5, TimeUnit.SECONDS);
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                endedBeforeReturn.set(!returned.get());
                throw late;
            });
            returned.set(true);
            mayFail.countDown();
            assertReportedWithin2s(late, "Ex09: the task's exception, thrown after a while, never reached the error reporter");
        }
        assertThat(endedBeforeReturn)
            .as("Ex09: runInBackground returned only after the job had ended (on thread %s, the caller's is %s): the job ran on "
                + "the caller's thread, so the caller waits for every nightly job, and the executor it was given is never "
                + "used. Hint: hand the job to the executor, CompletableFuture.runAsync(job, executor), and report its "
                + "failure there", ranOn.get(), Thread.currentThread())
            .isFalse();
        assertThat(ranOn.get()).as("Ex09: the job runs on the executor's thread, not the caller's").isNotSameAs(Thread.currentThread());
    }

    @Test
    @Tag("contract:state")
    @Tag("contract:errors")
    @DisplayName("two services side by side: each failure reaches the reporter of the service it ran in")
    void eachServiceReportsToItsOwnReporter() throws Exception {
        List<Throwable> otherReported = new CopyOnWriteArrayList<>();
        var other = new Ex09_VanishingErrors(otherReported::add); // made after this test's service
        IllegalStateException mine = new IllegalStateException("this service's job failed");
        IOException theirs = new IOException("the other service's save failed");

        try (ExecutorService executor = Executors.newSingleThreadExecutor()) {
            service.runInBackground(executor, () -> {
                throw mine;
            });
            other.saveInBackground(() -> Future.failedFuture(theirs));
            try {
                await().dontCatchUncaughtExceptions().atMost(Duration.ofSeconds(2)).until(() ->
                    reported.stream().anyMatch(r -> unwrapped(r) == mine) || otherReported.stream().anyMatch(r -> unwrapped(r) == mine));
            } catch (ConditionTimeoutException nowhere) {
                // judged below
            }
            assertThat(otherReported.stream().noneMatch(r -> unwrapped(r) == mine))
                .as("Ex09: the first service's failing job was reported to the reporter of a service made after it: the "
                    + "reporter is kept where every instance shares it (a static field?), so the last service made takes "
                    + "every failure. Hint: keep the reporter in an instance field (final)")
                .isTrue();
            assertReportedWithin2s(mine, "Ex09: the first service's failing job never reached its reporter");
        }
        try {
            await().dontCatchUncaughtExceptions().atMost(Duration.ofSeconds(2)).until(() -> !otherReported.isEmpty());
        } catch (ConditionTimeoutException nothing) {
            // judged below
        }
        assertThat(otherReported)
            .as("Ex09: the second service's failed save should reach the second service's reporter, and only it")
            .containsExactly(theirs);
        assertThat(reported).as("Ex09: the first service's reporter hears the first service's failure only").containsExactly(mine);
    }

    private void assertReportedWithin2s(Throwable expected, String message) {
        try {
            await().dontCatchUncaughtExceptions().atMost(Duration.ofSeconds(2)).until(() -> reported.stream().anyMatch(r -> unwrapped(r) == expected));
        } catch (ConditionTimeoutException nothingReported) {
            assertThat(reported).as(message).anyMatch(r -> unwrapped(r) == expected);
        }
    }

    /** The failure itself, or what a CompletionException wraps (checked separately, where it matters). */
    private static Throwable unwrapped(Throwable report) {
        return report != null && report.getClass() == java.util.concurrent.CompletionException.class ? report.getCause() : report;
    }
}
