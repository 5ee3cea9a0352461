// Wrong: a new worker executor per call that is never closed: every call leaves a worker thread parked forever
// Caught by: callsOnANamedWorker
package course.threads;

import org.apache.commons.lang3.concurrent.BasicThreadFactory;

import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;

public final class Ex07_NamedThreadsAndFailures {

    private Ex07_NamedThreadsAndFailures() {
    }

    public static ThreadFactory namedDaemonThreads(String prefix, Thread.UncaughtExceptionHandler onUncaught) {
        return BasicThreadFactory.builder()
            .namingPattern(prefix + "-%d")
            .daemon(true)
            .uncaughtExceptionHandler(onUncaught)
            .build();
    }

    public static <T> T callOnWorker(Callable<T> task) throws Exception {
        ExecutorService worker = Executors.newSingleThreadExecutor(namedDaemonThreads("worker", (thread, error) -> { }));
        try {
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
