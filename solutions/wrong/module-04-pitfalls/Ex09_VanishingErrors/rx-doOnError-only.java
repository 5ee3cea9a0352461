// Wrong: doOnError reports the error, then the subscription without onError hands it to RxJava's global handler anyway
// Caught by: rxErrorIsReported
package course.pitfalls;

import io.reactivex.rxjava3.core.Observable;
import io.reactivex.rxjava3.disposables.Disposable;
import io.vertx.core.Future;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.function.Consumer;
import java.util.function.Supplier;

public final class Ex09_VanishingErrors {

    private final Consumer<Throwable> errors;

    public Ex09_VanishingErrors(Consumer<Throwable> errors) {
        this.errors = errors;
    }

    public void runInBackground(ExecutorService executor, Runnable job) {
        CompletableFuture.runAsync(job, executor).exceptionally(failure -> {
            errors.accept(failure.getCause() != null ? failure.getCause() : failure);
            return null;
        });
    }

    public Disposable consume(Observable<String> events, Consumer<String> handler) {
        return events.doOnError(errors::accept).subscribe(handler::accept);
    }

    public void saveInBackground(Supplier<Future<Void>> save) {
        save.get().onFailure(errors::accept);
    }
}
