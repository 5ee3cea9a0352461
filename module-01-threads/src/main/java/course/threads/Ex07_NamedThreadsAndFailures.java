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
        // TODO: make a factory whose threads say whose they are in a thread dump (prefix-1,
        //  prefix-2, ...), never keep the JVM alive, and report a failure nobody caught to
        //  onUncaught, not to a handler shared by the whole JVM. Commons Lang is on the class path.
        throw new UnsupportedOperationException("Ex07 not implemented yet: a factory of named daemon threads that report uncaught failures");
    }

    /**
     * Runs {@code task} on a single worker thread named {@code worker-1} (made by
     * {@link #namedDaemonThreads}) and returns its result. If the task throws, this method throws
     * the task's own exception, not a wrapper and not nothing.
     */
    public static <T> T callOnWorker(Callable<T> task) throws Exception {
        // TODO: run the task on a worker thread of your factory and return its result. If the
        //  task fails, the caller gets the task's own exception or error, exactly as thrown; and
        //  no worker thread outlives the call.
        throw new UnsupportedOperationException("Ex07 not implemented yet: run the task on a named worker and give the caller its result or its own failure");
    }
}
