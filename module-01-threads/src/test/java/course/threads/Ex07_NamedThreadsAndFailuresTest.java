package course.threads;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@DisplayName("Ex07 · Named daemon threads, and failures that are not lost")
class Ex07_NamedThreadsAndFailuresTest {

    private static final Thread.UncaughtExceptionHandler IGNORE = (thread, error) -> { };

    @Test
    @DisplayName("threads are named prefix-1, prefix-2, ...")
    void namesThreadsByPattern() {
        ThreadFactory factory = Ex07_NamedThreadsAndFailures.namedDaemonThreads("resizer", IGNORE);

        Thread first = factory.newThread(() -> { });
        Thread second = factory.newThread(() -> { });

        assertThat(first.getName() + ", " + second.getName())
            .as("Ex07: a thread dump should say whose threads these are. Hint: BasicThreadFactory.builder().namingPattern(prefix + \"-%d\")")
            .isEqualTo("resizer-1, resizer-2");
    }

    @Test
    @DisplayName("the threads are daemons, so they never keep the JVM alive")
    void makesDaemonThreads() {
        Thread thread = Ex07_NamedThreadsAndFailures.namedDaemonThreads("resizer", IGNORE).newThread(() -> { });

        assertThat(thread.isDaemon())
            .as("Ex07: the factory should make daemon threads. Hint: .daemon(true) on the builder")
            .isTrue();
    }

    @Test
    @DisplayName("an exception a thread does not catch reaches the handler")
    void uncaughtExceptionReachesTheHandler() throws Exception {
        CompletableFuture<String> reported = new CompletableFuture<>();
        ThreadFactory factory = Ex07_NamedThreadsAndFailures.namedDaemonThreads("resizer",
            (thread, error) -> reported.complete(thread.getName() + ": " + error.getMessage()));

        Thread thread = factory.newThread(() -> { throw new IllegalStateException("image too large"); });
        thread.start();
        thread.join(2_000);

        assertThat(reported.completeOnTimeout("nothing reported", 1, TimeUnit.SECONDS).get())
            .as("Ex07: when a thread dies of an exception, the handler should hear of it. Hint: .uncaughtExceptionHandler(onUncaught)")
            .isEqualTo("resizer-1: image too large");
    }

    @Test
    @DisplayName("callOnWorker returns the result, computed on thread worker-1")
    void callsOnANamedWorker() throws Exception {
        String threadName = Ex07_NamedThreadsAndFailures.callOnWorker(() -> Thread.currentThread().getName());

        assertThat(threadName)
            .as("Ex07: the task should run on a thread made by namedDaemonThreads(\"worker\", ...). Hint: Executors.newSingleThreadExecutor(factory)")
            .isEqualTo("worker-1");
    }

    @Test
    @DisplayName("a failing task's own exception comes back to the caller, unwrapped")
    void failureIsSurfaced() {
        assertThatThrownBy(() -> Ex07_NamedThreadsAndFailures.callOnWorker(() -> {
            throw new IOException("disk full");
        }))
            .as("Ex07: the task's IOException should reach the caller as itself. Hint: future.get() throws ExecutionException; rethrow its getCause()")
            .isInstanceOf(IOException.class)
            .hasMessage("disk full");
    }
}
