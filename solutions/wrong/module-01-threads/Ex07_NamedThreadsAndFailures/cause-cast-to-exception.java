// Wrong: rethrows the cause cast to Exception: a task that throws an Error gets a ClassCastException instead
// Caught by: errorIsSurfacedToo
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
        try (ExecutorService worker = Executors.newSingleThreadExecutor(namedDaemonThreads("worker", (thread, error) -> { }))) {
            return worker.submit(task).get();
        } catch (ExecutionException e) {
            throw (Exception) e.getCause();
        }
    }
}
