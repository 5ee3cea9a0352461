// Wrong: one static field for the user, cleared after the request: the forks see a user, but concurrent requests overwrite each other's
// Caught by: theUserStaysInsideItsRequest
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

    private static volatile String user;
    private final PriceFormat format;
    private final ToLongFunction<String> priceOf;

    public Ex11_PerThreadState(Supplier<PriceFormat> buildFormat, ToLongFunction<String> priceOf) {
        this.format = buildFormat.get();
        this.priceOf = priceOf;
    }

    public List<String> quote(String user, List<String> skus) throws InterruptedException, ExecutionException {
        Ex11_PerThreadState.user = user;
        try {
            return lookUp(skus, format);
        } finally {
            Ex11_PerThreadState.user = null;
        }
    }

    public static Optional<String> currentUser() {
        return Optional.ofNullable(user);
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
