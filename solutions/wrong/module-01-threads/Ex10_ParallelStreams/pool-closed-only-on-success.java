// Wrong: closes the pool after get() returns, outside any finally: when f throws, get() throws first and the pool's workers linger for a minute
// Caught by: aFailingFunctionReachesTheCaller
package course.threads;

import java.util.concurrent.ForkJoinPool;
import java.util.function.LongUnaryOperator;
import java.util.stream.LongStream;

/**
 * Ex10 · Parallel streams and fork/join: data-parallel work without managing threads.
 *
 * <p>Ex02 split a range by hand. A parallel stream does the same with a fork/join pool: it
 * halves the range again and again into tasks, and idle workers steal tasks from busy ones, so
 * uneven parts balance themselves. By default it runs on ForkJoinPool.commonPool(), shared by
 * the whole JVM, whose parallelism is cores - 1, because the thread that starts the stream works
 * too. On a 2-core machine that is ONE common-pool worker plus the caller.
 *
 * <p>The common pool is shared: one slow or blocking stream there delays every other parallel
 * stream and CompletableFuture.supplyAsync in the JVM. Work that needs its own parallelism, or
 * that must not disturb the rest, runs in its own ForkJoinPool: a stream started from a task
 * of that pool forks its tasks into that pool. (The explicit form of the same idea is a
 * RecursiveTask passed to pool.invoke(...).)
 *
 * <p>Solution note: that a stream uses the pool of the task that starts it is long-standing
 * JDK behaviour rather than a documented promise; a RecursiveTask states the same intent
 * explicitly.
 */
public final class Ex10_ParallelStreams {

    private Ex10_ParallelStreams() {
    }

    /**
     * The sum of {@code f(i)} for i in {@code [0, n)}, computed by a parallel stream running in a
     * new ForkJoinPool of the given parallelism, which is closed before returning.
     */
    public static long sumInOwnPool(long n, int parallelism, LongUnaryOperator f) throws Exception {
        ForkJoinPool pool = new ForkJoinPool(parallelism);
        long sum = pool.submit(() -> LongStream.range(0, n).parallel().map(f).sum()).get();
        pool.close();                                             // only reached when the stream worked
        return sum;
    }

    /**
     * The parallelism ForkJoinPool.commonPool() gets on a machine with {@code cores} cores (when
     * no system property overrides it).
     */
    public static int commonPoolParallelism(int cores) {
        return Math.max(1, cores - 1);                            // the stream's caller is the extra worker
    }
}
