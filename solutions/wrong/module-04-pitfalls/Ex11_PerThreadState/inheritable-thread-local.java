// Wrong: an InheritableThreadLocal: the forks see the user, and so does every pool thread created during the request, which keeps it for the requests it serves later
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

    private static final InheritableThreadLocal<String> USER = new InheritableThreadLocal<>();
    private final PriceFormat format;
    private final ToLongFunction<String> priceOf;

    public Ex11_PerThreadState(Supplier<PriceFormat> buildFormat, ToLongFunction<String> priceOf) {
        this.format = buildFormat.get();
        this.priceOf = priceOf;
    }

    public List<String> quote(String user, List<String> skus) throws InterruptedException, ExecutionException {
        USER.set(user);
        try {
            return lookUp(skus, format);
        } finally {
            USER.remove();
        }
    }

    public static Optional<String> currentUser() {
        return Optional.ofNullable(USER.get());
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
