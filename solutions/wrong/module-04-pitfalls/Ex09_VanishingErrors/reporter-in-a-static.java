// Wrong: the error reporter is kept in a static field set by each constructor: with two services side by side, every failure goes to the reporter of the last one made
// Caught by: eachServiceReportsToItsOwnReporter
package course.pitfalls;

import io.reactivex.rxjava3.core.Observable;
import io.reactivex.rxjava3.disposables.Disposable;
import io.vertx.core.Future;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.function.Consumer;
import java.util.function.Supplier;

public final class Ex09_VanishingErrors {

    /** "The application's error reporter", reachable from the static lambdas below. */
    private static Consumer<Throwable> errors;

    public Ex09_VanishingErrors(Consumer<Throwable> errors) {
        Ex09_VanishingErrors.errors = errors;
    }

    public void runInBackground(ExecutorService executor, Runnable job) {
        CompletableFuture.runAsync(job, executor).exceptionally(failure -> {
            errors.accept(failure.getCause() != null ? failure.getCause() : failure);
            return null;
        });
    }

    public Disposable consume(Observable<String> events, Consumer<String> handler) {
        return events.subscribe(handler::accept, failure -> errors.accept(failure));
    }

    public void saveInBackground(Supplier<Future<Void>> save) {
        save.get().onFailure(failure -> errors.accept(failure));
    }
}
