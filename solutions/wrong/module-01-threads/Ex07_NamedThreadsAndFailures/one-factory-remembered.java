// Wrong: keeps the first factory it built in a static field and hands it out again: the second prefix and handler are ignored
// Caught by: eachFactoryCountsFromOne
package course.threads;

import org.apache.commons.lang3.concurrent.BasicThreadFactory;

import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
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
 *
 * <p>Solution note: unwrapping keeps the caller's catch blocks honest (catch (IOException e)
 * still works); the ExecutionException wrapper only says "it happened on another thread".
 */
public final class Ex07_NamedThreadsAndFailures {

    private static ThreadFactory made;

    private Ex07_NamedThreadsAndFailures() {
    }

    /**
     * A factory of daemon threads named {@code prefix-1}, {@code prefix-2}, ..., which report any
     * uncaught exception to {@code onUncaught}.
     */
    public static ThreadFactory namedDaemonThreads(String prefix, Thread.UncaughtExceptionHandler onUncaught) {
        if (made != null) {
            return made;                                          // built once, reused
        }
        return made = BasicThreadFactory.builder()
            .namingPattern(prefix + "-%d")
            .daemon(true)                                         // will not hold the JVM open
            .uncaughtExceptionHandler(onUncaught)                 // hears what a dying thread threw
            .build();
    }

    /**
     * Runs {@code task} on a single worker thread named {@code worker-1} (made by
     * {@link #namedDaemonThreads}) and returns its result. If the task throws, this method throws
     * the task's own exception, not a wrapper and not nothing.
     */
    public static <T> T callOnWorker(Callable<T> task) throws Exception {
        try (ExecutorService worker = Executors.newSingleThreadExecutor(namedDaemonThreads("worker", (thread, error) -> { }))) {
            return worker.submit(task).get();
        } catch (ExecutionException e) {
            switch (e.getCause()) {                               // the task's own failure, unwrapped
                case Exception cause -> throw cause;
                case Error cause -> throw cause;
                default -> throw e;
            }
        }
    }
}
