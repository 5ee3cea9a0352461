// Wrong: the format is built once per JVM, by the first service, and kept in a static field: a second service with another format quotes in the first one's
// Caught by: twoServicesKeepTheirOwnFormat
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

public final class Ex11_PerThreadState {

        public interface PriceFormat {
        String format(long cents);
    }

        private static final ScopedValue<String> USER = ScopedValue.newInstance();

    /** "Expensive: build it once." Once for the JVM, by the first service made. */
    private static PriceFormat format;
    private final ToLongFunction<String> priceOf;

        public Ex11_PerThreadState(Supplier<PriceFormat> buildFormat, ToLongFunction<String> priceOf) {
        synchronized (Ex11_PerThreadState.class) {
            if (format == null) {
                format = buildFormat.get();
            }
        }
        this.priceOf = priceOf;
    }

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

        public static Optional<String> currentUser() {
        return USER.isBound() ? Optional.of(USER.get()) : Optional.empty();
    }

    private String line(String sku) {
        return sku + ": " + format.format(priceOf.applyAsLong(sku));
    }
}
