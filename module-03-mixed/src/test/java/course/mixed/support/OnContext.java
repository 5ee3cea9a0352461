package course.mixed.support;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.util.function.Supplier;

/** Runs code on a given Vert.x context, as a handler of that event loop would. */
public final class OnContext {

    private OnContext() {
    }

    /**
     * Calls {@code work} on {@code context} and returns its future. If {@code work} throws
     * (e.g. an unfinished exercise), the returned future fails at once instead of never completing.
     */
    public static <T> Future<T> call(Context context, Supplier<Future<T>> work) {
        Promise<T> promise = Promise.promise();
        context.runOnContext(v -> {
            try {
                work.get().onComplete(promise);
            } catch (Throwable t) {
                promise.fail(t);
            }
        });
        return promise.future();
    }
}
