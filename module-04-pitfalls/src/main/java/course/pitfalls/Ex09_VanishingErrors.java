package course.pitfalls;

import io.reactivex.rxjava3.core.Observable;
import io.reactivex.rxjava3.disposables.Disposable;
import io.vertx.core.Future;
import java.util.concurrent.ExecutorService;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Ex09 · Errors that vanish.
 *
 * <p>Async code moves a failure into an object: a {@code java.util.concurrent.Future}, an
 * RxJava stream, a Vert.x {@code Future}. Whoever drops that object drops the failure with it.
 * {@code executor.submit(task)} keeps the exception inside a Future nobody reads; an Rx
 * {@code subscribe(onNext)} without {@code onError} hands it to a global last-resort handler; a
 * failed Vert.x future nobody listens to says nothing at all. The job simply never happened.
 */
public final class Ex09_VanishingErrors {

    private final Consumer<Throwable> errors;

    /** @param errors where failures must end up (a logger, a metric, an alert) */
    public Ex09_VanishingErrors(Consumer<Throwable> errors) {
        this.errors = errors;
    }

    /** Runs {@code job} in the background; nobody waits for it. */
    public void runInBackground(ExecutorService executor, Runnable job) {
        // TODO: symptom: the nightly job "ran" but did nothing, and the logs are clean. Every failure
        //  (an Exception or an Error) must reach `errors`, as itself. Two more methods below.
        executor.submit(job);
    }

    /** Handles every event of the stream. */
    public Disposable consume(Observable<String> events, Consumer<String> handler) {
        // Symptom: a stream stops for good after one bad event; the only trace is a stack trace
        //  (OnErrorNotImplementedException) printed by RxJava's global handler, if anyone reads stderr.
        return events.subscribe(handler::accept);
    }

    /** Starts a save and does not wait for it. */
    public void saveInBackground(Supplier<Future<Void>> save) {
        // Symptom: data silently not saved, and nothing in any log. A successful save must raise no alarm.
        save.get();
    }
}
