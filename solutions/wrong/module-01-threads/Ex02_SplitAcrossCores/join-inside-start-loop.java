// Wrong: joins each part's thread right after starting it, so the parts never compute at the same time
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
        long[] partials = new long[parts];
        for (int i = 0; i < parts; i++) {
            int part = i;
            Thread thread = Thread.ofPlatform().start(() -> partials[part] = partSum.applyAsLong(part * n / parts, (part + 1) * n / parts));
            thread.join();
        }
        long total = 0;
        for (long partial : partials) {
            total += partial;
        }
        return total;
    }
}
