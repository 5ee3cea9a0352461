// Wrong: the task catches Exception, so a job that dies of an Error (a missing class, an assertion) still vanishes from the reporter
// Caught by: backgroundTaskFailureIsReported
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
        executor.execute(() -> {
            try {
                job.run();
            } catch (Exception e) {
                errors.accept(e);
            }
        });
    }

    public Disposable consume(Observable<String> events, Consumer<String> handler) {
        return events.subscribe(handler::accept, errors::accept);
    }

    public void saveInBackground(Supplier<Future<Void>> save) {
        save.get().onFailure(errors::accept);
    }
}
