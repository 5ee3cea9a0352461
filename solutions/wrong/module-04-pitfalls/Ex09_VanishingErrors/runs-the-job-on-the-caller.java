// Wrong: every failure is reported, but the background job runs on the caller's thread: runInBackground returns only when the job is done, and the executor is never used
// Caught by: backgroundTaskRunsInTheBackground
package course.pitfalls;

import io.reactivex.rxjava3.core.Observable;
import io.reactivex.rxjava3.disposables.Disposable;
import io.vertx.core.Future;
import java.util.concurrent.ExecutorService;
import java.util.function.Consumer;
import java.util.function.Supplier;

public final class Ex09_VanishingErrors {

    private final Consumer<Throwable> errors;

    public Ex09_VanishingErrors(Consumer<Throwable> errors) {
        this.errors = errors;
    }

    public void runInBackground(ExecutorService executor, Runnable job) {
        try {
            job.run(); // "then nothing can get lost on another thread"
        } catch (Throwable failure) {
            errors.accept(failure);
        }
    }

    public Disposable consume(Observable<String> events, Consumer<String> handler) {
        return events.subscribe(handler::accept, errors::accept);
    }

    public void saveInBackground(Supplier<Future<Void>> save) {
        save.get().onFailure(errors::accept);
    }
}
