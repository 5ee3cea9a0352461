// Wrong: runs the parts on a fixed pool that is never shut down, so its threads outlive the call
// Caught by: partsRunAtTheSameTime
package course.threads;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.LongBinaryOperator;

public final class Ex02_SplitAcrossCores {

    private Ex02_SplitAcrossCores() {
    }

    public static long mixSum(long from, long to) {
        long sum = 0;
        for (long id = from; id < to; id++) {
            sum += mix(id);
        }
        return sum;
    }

    static long mix(long id) {
        long x = id + 0x9E3779B97F4A7C15L;
        for (long round = 0; round < 64; round++) {
            x ^= round * 0xBF58476D1CE4E5B9L;
            x = Long.rotateLeft(x, 13);
            x *= 0x94D049BB133111EBL;
            x ^= x >>> 17;
        }
        return x;
    }

    public static long mixSumOnAllCores(long n) throws InterruptedException {
        return computeInParts(n, Runtime.getRuntime().availableProcessors(), Ex02_SplitAcrossCores::mixSum);
    }

    public static long computeInParts(long n, int parts, LongBinaryOperator partSum) throws InterruptedException {
        ExecutorService pool = Executors.newFixedThreadPool(parts);
        List<Future<Long>> partials = new ArrayList<>();
        for (int i = 0; i < parts; i++) {
            long from = i * n / parts;
            long to = (i + 1) * n / parts;
            partials.add(pool.submit(() -> partSum.applyAsLong(from, to)));
        }
        long total = 0;
        try {
            for (Future<Long> partial : partials) {
                total += partial.get();
            }
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        }
        return total;
    }
}
