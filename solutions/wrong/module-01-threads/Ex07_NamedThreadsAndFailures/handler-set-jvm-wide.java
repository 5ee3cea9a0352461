// Wrong: sets the handler as the JVM-wide default instead of on the factory's threads
// Caught by: uncaughtExceptionReachesTheHandler
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
        Thread.setDefaultUncaughtExceptionHandler(onUncaught);    // "every thread will report to it"
        return BasicThreadFactory.builder()
            .namingPattern(prefix + "-%d")
            .daemon(true)
            .build();
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
