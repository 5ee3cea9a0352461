// Wrong: subscribes with onNext and onError but hands back a Disposable of its own: disposing it does not end the subscription, so the stream is consumed forever
// Caught by: disposingWhatConsumeReturnsEndsTheSubscription
package course.pitfalls;

import io.reactivex.rxjava3.core.Observable;
import io.reactivex.rxjava3.disposables.Disposable;
import io.vertx.core.Future;
import java.util.concurrent.CompletableFuture;
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
 *
 * <p>Repaired: every fire-and-forget path ends in the error reporter: a task that catches and
 * reports, {@code subscribe(onNext, onError)}, {@code onFailure(...)}.
 */
public final class Ex09_VanishingErrors {

    private final Consumer<Throwable> errors;

    /** @param errors where failures must end up (a logger, a metric, an alert) */
    public Ex09_VanishingErrors(Consumer<Throwable> errors) {
        this.errors = errors;
    }

    /** Runs {@code job} in the background; nobody waits for it. */
    public void runInBackground(ExecutorService executor, Runnable job) {
        CompletableFuture.runAsync(job, executor)
            .exceptionally(failure -> {
                errors.accept(failure.getCause() != null ? failure.getCause() : failure);
                return null;
            });
    }

    /** Handles every event of the stream. */
    public Disposable consume(Observable<String> events, Consumer<String> handler) {
        events.subscribe(handler::accept, errors::accept);
        return Disposable.empty();
    }

    /** Starts a save and does not wait for it. */
    public void saveInBackground(Supplier<Future<Void>> save) {
        save.get().onFailure(errors::accept);
    }
}
