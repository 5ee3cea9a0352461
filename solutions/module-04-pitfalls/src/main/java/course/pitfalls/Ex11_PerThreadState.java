package course.pitfalls;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Supplier;
import java.util.function.ToLongFunction;

/**
 * Ex11 · Per-thread state on virtual threads.
 *
 * <p>Two habits from pooled platform threads. A {@code ThreadLocal} cache ("one formatter per
 * thread, reused by every request that thread serves") pays off only while threads are reused; a
 * virtual thread lives for one task, so the cache never hits and every task builds its own
 * expensive object. And a {@code ThreadLocal} as request context ("who is this request for?")
 * stays on the thread that set it: the threads a request forks do not see it, and the pooled
 * thread that set it keeps it for the next request unless someone remembers {@code remove()}.
 *
 * <p>Repaired: the expensive object is built once and shared (it is thread-safe), and the user
 * travels in a {@link ScopedValue} (final in Java 25): bound for exactly the code that runs inside
 * {@code ScopedValue.where(USER, user).call(...)}, unbound again afterwards, whatever happens.
 * A binding is inherited only by the forks of a {@code StructuredTaskScope} (a preview API in
 * Java 25); a thread that an executor starts sees nothing. So each fork is handed the user
 * explicitly and binds it for its own work: context goes where it is passed, and nowhere else.
 */
public final class Ex11_PerThreadState {

    /** Formats prices. Expensive to build (it loads currency and locale data), safe to share between threads. */
    public interface PriceFormat {
        String format(long cents);
    }

    /** The user of the request being worked on, bound only inside that request's work. */
    private static final ScopedValue<String> USER = ScopedValue.newInstance();

    private final PriceFormat format;
    private final ToLongFunction<String> priceOf;

    /**
     * @param buildFormat builds the (expensive, thread-safe) price format
     * @param priceOf     looks one price up, in cents (a blocking call to a price service); it may
     *                    call {@link #currentUser()} to audit who asked
     */
    public Ex11_PerThreadState(Supplier<PriceFormat> buildFormat, ToLongFunction<String> priceOf) {
        this.format = buildFormat.get(); // built once, shared by every request and every fork
        this.priceOf = priceOf;
    }

    /**
     * Quotes every sku for {@code user}: looks the prices up at once, one virtual thread per sku,
     * and returns {@code "sku: price"} lines in the order of {@code skus}. Runs on the caller's
     * thread, which may serve many requests one after another.
     */
    public List<String> quote(String user, List<String> skus) throws InterruptedException, ExecutionException {
        List<Future<String>> lines;
        try (ExecutorService forks = Executors.newVirtualThreadPerTaskExecutor()) {
            lines = skus.stream()
                // An executor's thread inherits no binding: hand each fork the user and bind it there.
                .map(sku -> forks.submit(() -> ScopedValue.where(USER, user).call(() -> line(sku))))
                .toList();
        } // close() waits for every fork
        List<String> quoted = new ArrayList<>(lines.size());
        for (Future<String> line : lines) {
            quoted.add(line.get());
        }
        return quoted;
    }

    /** The user whose request this thread is working for, as audit code deep in the call stack sees it; empty outside a request. */
    public static Optional<String> currentUser() {
        return USER.isBound() ? Optional.of(USER.get()) : Optional.empty();
    }

    private String line(String sku) {
        return sku + ": " + format.format(priceOf.applyAsLong(sku));
    }
}
