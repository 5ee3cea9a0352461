// Wrong: its own pool, never closed: the idle workers linger for a minute after every call
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
        ForkJoinPool pool = new ForkJoinPool(parallelism);
        return pool.submit(() -> LongStream.range(0, n).parallel().map(f).sum()).get();
    }
    public static int commonPoolParallelism(int cores) {
        return Math.max(1, cores - 1);
    }
}

