// Wrong: splits into one part per core whatever parts says, right only when the caller asks for the core count
// Caught by: partsRunAtTheSameTime
package course.threads;

import java.util.ArrayList;
import java.util.List;
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
        int cores = Runtime.getRuntime().availableProcessors();   // "one part per core" taken literally
        long[] partials = new long[cores];
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < cores; i++) {
            int part = i;
            threads.add(Thread.ofPlatform().start(() -> partials[part] = partSum.applyAsLong(part * n / cores, (part + 1) * n / cores)));
        }
        long total = 0;
        for (int i = 0; i < cores; i++) {
            threads.get(i).join();
            total += partials[i];
        }
        return total;
    }
}
