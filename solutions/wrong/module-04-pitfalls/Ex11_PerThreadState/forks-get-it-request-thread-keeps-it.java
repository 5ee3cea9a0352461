// Wrong: a ThreadLocal set on the request thread and handed to each fork (set and removed there), but never removed on the request thread: it still names its last user afterwards
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

    private static final ThreadLocal<String> USER = new ThreadLocal<>();
    private final PriceFormat format;
    private final ToLongFunction<String> priceOf;

    public Ex11_PerThreadState(Supplier<PriceFormat> buildFormat, ToLongFunction<String> priceOf) {
        this.format = buildFormat.get();
        this.priceOf = priceOf;
    }

    public List<String> quote(String user, List<String> skus) throws InterruptedException, ExecutionException {
        USER.set(user); // the request thread knows its user ... and keeps knowing it after the request
        return lookUp(user, skus, format);
    }

    public static Optional<String> currentUser() {
        return Optional.ofNullable(USER.get());
    }

    private List<String> lookUp(String user, List<String> skus, PriceFormat format) throws InterruptedException, ExecutionException {
        List<Future<String>> lines;
        try (ExecutorService forks = Executors.newVirtualThreadPerTaskExecutor()) {
            lines = skus.stream().map(sku -> forks.submit(() -> {
                USER.set(user);
                try {
                    return sku + ": " + format.format(priceOf.applyAsLong(sku));
                } finally {
                    USER.remove();
                }
            })).toList();
        }
        List<String> quoted = new ArrayList<>(lines.size());
        for (Future<String> line : lines) {
            quoted.add(line.get());
        }
        return quoted;
    }
}
