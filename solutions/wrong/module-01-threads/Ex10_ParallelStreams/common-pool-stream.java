// Wrong: a plain parallel stream: it runs on the shared common pool and the caller, not in a pool of its own
// Caught by: closesItsPool
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
        return LongStream.range(0, n).parallel().map(f).sum();
    }
    public static int commonPoolParallelism(int cores) {
        return Math.max(1, cores - 1);
    }
}

