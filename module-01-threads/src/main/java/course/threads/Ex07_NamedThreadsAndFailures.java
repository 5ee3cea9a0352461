package course.threads;

import java.util.concurrent.Callable;
import java.util.concurrent.ThreadFactory;

/**
 * Ex07 · Name your threads, make them daemons, and never lose a failure.
 *
 * <p>"pool-3-thread-7" in a thread dump tells you nothing; "image-resizer-7" tells you whose it
 * is. A ThreadFactory decides how every thread of a pool is made: its name, whether it is a
 * daemon (a daemon thread does not keep the JVM alive), and who hears about an exception
 * nobody caught. Commons Lang's BasicThreadFactory builds one in a few lines.
 *
 * <p>Exceptions travel two different roads. A thread started with a Runnable that throws dies,
 * and only its uncaught-exception handler hears of it. A task submit()ted to an executor never
 * reaches that handler: the executor catches the exception and stores it in the Future, where it
 * waits, silently, until someone calls get(). Fire-and-forget is forget-the-failure.
 */
public final class Ex07_NamedThreadsAndFailures {

    private Ex07_NamedThreadsAndFailures() {
    }

    /**
     * A factory of daemon threads named {@code prefix-1}, {@code prefix-2}, ..., which report any
     * uncaught exception to {@code onUncaught}.
     */
    public static ThreadFactory namedDaemonThreads(String prefix, Thread.UncaughtExceptionHandler onUncaught) {
        // TODO: return BasicThreadFactory.builder()
        //           .namingPattern(prefix + "-%d")   // %d counts from 1
        //           .daemon(true)
        //           .uncaughtExceptionHandler(onUncaught)
        //           .build();
        //       (org.apache.commons.lang3.concurrent.BasicThreadFactory)
        throw new UnsupportedOperationException("Ex07 not implemented yet: build a BasicThreadFactory with a naming pattern, daemon flag and handler");
    }

    /**
     * Runs {@code task} on a single worker thread named {@code worker-1} (made by
     * {@link #namedDaemonThreads}) and returns its result. If the task throws, this method throws
     * the task's own exception, not a wrapper and not nothing.
     */
    public static <T> T callOnWorker(Callable<T> task) throws Exception {
        // TODO: in try (ExecutorService worker = Executors.newSingleThreadExecutor(
        //                   namedDaemonThreads("worker", (thread, error) -> { }))) { ... }
        //       submit the task and return future.get(). get() wraps the task's failure in an
        //       ExecutionException: catch it and throw e.getCause() instead (it is an Exception
        //       or an Error; a switch with type patterns rethrows either).
        throw new UnsupportedOperationException("Ex07 not implemented yet: submit to a named worker, get(), unwrap the ExecutionException");
    }
}
