// Wrong: a hand-written factory that forgets the daemon flag (and counts from 0)
// Caught by: callsOnANamedWorker
package course.threads;

import org.apache.commons.lang3.concurrent.BasicThreadFactory;

import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

public final class Ex07_NamedThreadsAndFailures {

    private Ex07_NamedThreadsAndFailures() {
    }

    public static ThreadFactory namedDaemonThreads(String prefix, Thread.UncaughtExceptionHandler onUncaught) {
        AtomicInteger next = new AtomicInteger();
        return task -> {
            Thread thread = new Thread(task, prefix + "-" + next.getAndIncrement());
            thread.setUncaughtExceptionHandler(onUncaught);
            return thread;
        };
    }

    public static <T> T callOnWorker(Callable<T> task) throws Exception {
        try (ExecutorService worker = Executors.newSingleThreadExecutor(namedDaemonThreads("worker", (thread, error) -> { }))) {
            return worker.submit(task).get();
        } catch (ExecutionException e) {
            switch (e.getCause()) {
                case Exception cause -> throw cause;
                case Error cause -> throw cause;
                default -> throw e;
            }
        }
    }
}
