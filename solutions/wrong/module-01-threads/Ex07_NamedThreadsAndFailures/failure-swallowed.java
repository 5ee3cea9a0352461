// Wrong: catches the ExecutionException and returns null: the failure is lost
// Caught by: failureIsSurfaced
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
            return null;                                          // "the task failed, nothing to return"
        }
    }
}
