// Wrong: the failure reaches the reporter wrapped in a CompletionException, so alerts keyed on the real exception type never fire
// Caught by: backgroundTaskFailureIsReported
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
            errors.accept(failure);
            return null;
        });
    }

    public Disposable consume(Observable<String> events, Consumer<String> handler) {
        return events.subscribe(handler::accept, errors::accept);
    }

    public void saveInBackground(Supplier<Future<Void>> save) {
        save.get().onFailure(errors::accept);
    }
}
