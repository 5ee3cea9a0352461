// Wrong: static stripes, one fixed range per worker (Ex02 by hand in a ForkJoinPool): uneven work is never shared
// Caught by: slowHalfIsShared
package course.threads;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinTask;
import java.util.function.LongUnaryOperator;
import java.util.stream.LongStream;

public final class Ex10_ParallelStreams {

    private Ex10_ParallelStreams() {
    }

    public static long sumInOwnPool(long n, int parallelism, LongUnaryOperator f) throws Exception {
        try (ForkJoinPool pool = new ForkJoinPool(parallelism)) {
            List<ForkJoinTask<Long>> stripes = new ArrayList<>();
            for (int p = 0; p < parallelism; p++) {
                long from = p * n / parallelism;
                long to = (p + 1) * n / parallelism;
                stripes.add(pool.submit(() -> {
                    long sum = 0;
                    for (long i = from; i < to; i++) {
                        sum += f.applyAsLong(i);
                    }
                    return sum;
                }));
            }
            long total = 0;
            for (ForkJoinTask<Long> stripe : stripes) {
                total += stripe.get();
            }
            return total;
        }
    }
    public static int commonPoolParallelism(int cores) {
        return Math.max(1, cores - 1);
    }
}

