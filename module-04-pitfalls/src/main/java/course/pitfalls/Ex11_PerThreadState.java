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
 * thread, reused by every request that thread serves") pays off only while threads are reused.
 * And a {@code ThreadLocal} as request context ("who is this request for?") is read by code deep in
 * the call stack without being passed down. This service moved to virtual threads and kept both.
 */
public final class Ex11_PerThreadState {

    /** Formats prices. Expensive to build (it loads currency and locale data), safe to share between threads. */
    public interface PriceFormat {
        String format(long cents);
    }

    // TODO: symptoms since the move to virtual threads: the price format, "built once per thread and
    //  reused", is now built for every sku of every request; audit lines written by the price
    //  lookups say no user; and a request thread still names its last user after the request.
    //  Find out why each happens, then make the user visible exactly where its request's work runs.
    private static final ThreadLocal<String> USER = new ThreadLocal<>();

    private final ThreadLocal<PriceFormat> format;
    private final ToLongFunction<String> priceOf;

    /**
     * @param buildFormat builds the (expensive, thread-safe) price format
     * @param priceOf     looks one price up, in cents (a blocking call to a price service); it may
     *                    call {@link #currentUser()} to audit who asked
     */
    public Ex11_PerThreadState(Supplier<PriceFormat> buildFormat, ToLongFunction<String> priceOf) {
        this.format = ThreadLocal.withInitial(buildFormat); // one per thread, reused by every request it serves
        this.priceOf = priceOf;
    }

    /**
     * Quotes every sku for {@code user}: looks the prices up at once, one virtual thread per sku,
     * and returns {@code "sku: price"} lines in the order of {@code skus}. Runs on the caller's
     * thread, which may serve many requests one after another.
     */
    public List<String> quote(String user, List<String> skus) throws InterruptedException, ExecutionException {
        USER.set(user);
        List<Future<String>> lines;
        try (ExecutorService forks = Executors.newVirtualThreadPerTaskExecutor()) {
            lines = skus.stream().map(sku -> forks.submit(() -> line(sku))).toList();
        } // close() waits for every fork
        List<String> quoted = new ArrayList<>(lines.size());
        for (Future<String> line : lines) {
            quoted.add(line.get());
        }
        return quoted;
    }

    /** The user whose request this thread is working for, as audit code deep in the call stack sees it; empty outside a request. */
    public static Optional<String> currentUser() {
        return Optional.ofNullable(USER.get());
    }

    private String line(String sku) {
        return sku + ": " + format.get().format(priceOf.applyAsLong(sku));
    }
}
