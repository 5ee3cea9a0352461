// Wrong: the user is repaired (a ScopedValue given to each fork), but the format is built once per request instead of once
// Caught by: theFormatIsBuiltOnce
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
    private final Supplier<PriceFormat> buildFormat;
    private final ToLongFunction<String> priceOf;

    public Ex11_PerThreadState(Supplier<PriceFormat> buildFormat, ToLongFunction<String> priceOf) {
        this.buildFormat = buildFormat;
        this.priceOf = priceOf;
    }

    public List<String> quote(String user, List<String> skus) throws InterruptedException, ExecutionException {
        PriceFormat format = buildFormat.get();
        List<Future<String>> lines;
        try (ExecutorService forks = Executors.newVirtualThreadPerTaskExecutor()) {
            lines = skus.stream()
                .map(sku -> forks.submit(() -> ScopedValue.where(USER, user).call(() -> sku + ": " + format.format(priceOf.applyAsLong(sku)))))
                .toList();
        }
        List<String> quoted = new ArrayList<>(lines.size());
        for (Future<String> line : lines) {
            quoted.add(line.get());
        }
        return quoted;
    }

    public static Optional<String> currentUser() {
        return USER.isBound() ? Optional.of(USER.get()) : Optional.empty();
    }

    private List<String> lookUp(List<String> skus, PriceFormat format) throws InterruptedException, ExecutionException {
        List<Future<String>> lines;
        try (ExecutorService forks = Executors.newVirtualThreadPerTaskExecutor()) {
            lines = skus.stream().map(sku -> forks.submit(() -> sku + ": " + format.format(priceOf.applyAsLong(sku)))).toList();
        }
        List<String> quoted = new ArrayList<>(lines.size());
        for (Future<String> line : lines) {
            quoted.add(line.get());
        }
        return quoted;
    }
}
