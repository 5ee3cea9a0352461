package course.threads;

import course.threads.support.Starter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

@DisplayName("Ex07 · Named daemon threads, and failures that are not lost")
class Ex07_NamedThreadsAndFailuresTest {

    private static final Thread.UncaughtExceptionHandler IGNORE = (thread, error) -> { };

    private Thread.UncaughtExceptionHandler jvmDefault;

    @BeforeEach
    void rememberTheJvmDefaultHandler() {
        jvmDefault = Thread.getDefaultUncaughtExceptionHandler();
    }

    @AfterEach
    void restoreTheJvmDefaultHandler() {
        Thread.setDefaultUncaughtExceptionHandler(jvmDefault);
    }

    @Tag("contract:values")
    @Test
    @DisplayName("threads are named prefix-1, prefix-2, ...")
    void namesThreadsByPattern() {
        ThreadFactory factory = Ex07_NamedThreadsAndFailures.namedDaemonThreads("resizer", IGNORE);

        Thread first = factory.newThread(() -> { });
        Thread second = factory.newThread(() -> { });

        assertThat(first.getName() + ", " + second.getName())
            .as("Ex07: a thread dump should say whose threads these are: prefix-1, prefix-2, ... counted from 1. Hint: Commons Lang's BasicThreadFactory has a naming pattern")
            .isEqualTo("resizer-1, resizer-2");
    }

    @Tag("contract:state")
    @Test
    @DisplayName("two factories side by side: each names its own threads from 1, with its own prefix")
    void eachFactoryCountsFromOne() {
        ThreadFactory resizers = Ex07_NamedThreadsAndFailures.namedDaemonThreads("resizer", IGNORE);
        resizers.newThread(() -> { });
        resizers.newThread(() -> { });
        ThreadFactory uploaders = Ex07_NamedThreadsAndFailures.namedDaemonThreads("uploader", IGNORE);
        String firstUploader = uploaders.newThread(() -> { }).getName();
        String thirdResizer = resizers.newThread(() -> { }).getName();

        assertThat(firstUploader + ", " + thirdResizer)
            .as("Ex07: a second factory's first thread should be uploader-1 and the first factory's third resizer-3. "
                + "Hint: each factory keeps its own count and prefix; a static field or a factory kept from the first call is shared by all")
            .isEqualTo("uploader-1, resizer-3");
    }

    @Tag("contract:lifecycle")
    @Test
    @DisplayName("the threads are daemons, so they never keep the JVM alive")
    void makesDaemonThreads() {
        Thread thread = Ex07_NamedThreadsAndFailures.namedDaemonThreads("resizer", IGNORE).newThread(() -> { });

        assertThat(thread.isDaemon())
            .as("Ex07: the factory should make daemon threads, which never keep the JVM alive. Hint: a thread is a daemon only if someone says so before it starts")
            .isTrue();
    }

    @Tag("contract:errors")
    @Tag("contract:state")
    @Test
    @DisplayName("an exception a thread does not catch reaches the handler of the factory that made it")
    void uncaughtExceptionReachesTheHandler() throws Exception {
        CompletableFuture<String> reportedToResizer = new CompletableFuture<>();
        CompletableFuture<String> reportedToUploader = new CompletableFuture<>();
        ThreadFactory resizers = Ex07_NamedThreadsAndFailures.namedDaemonThreads("resizer",
            (thread, error) -> reportedToResizer.complete(error.getMessage()));
        ThreadFactory uploaders = Ex07_NamedThreadsAndFailures.namedDaemonThreads("uploader",
            (thread, error) -> reportedToUploader.complete(error.getMessage()));

        Thread thread = resizers.newThread(() -> { throw new IllegalStateException("image too large"); });
        thread.start();
        thread.join(5_000);

        CompletableFuture.anyOf(reportedToResizer, reportedToUploader).completeOnTimeout(null, 5, TimeUnit.SECONDS).get();

        assertThat(reportedToUploader.getNow("nothing reported"))
            .as("Ex07: a resizer thread's failure reached the uploader factory's handler: the handler was set for the whole JVM "
                + "(Thread.setDefaultUncaughtExceptionHandler), so the last factory made wins. Hint: set it on the factory's threads only")
            .isEqualTo("nothing reported");
        assertThat(reportedToResizer.getNow("nothing reported"))
            .as("Ex07: when a thread dies of an exception, the handler given to its factory should hear of it. "
                + "Hint: the factory sets the handler on each thread it makes (the builder has an option for it)")
            .isEqualTo("image too large");
    }

    @Tag("contract:values")
    @Tag("contract:placement")
    @Tag("contract:lifecycle")
    @Test
    @DisplayName("callOnWorker returns the result, computed on thread worker-1, which has ended afterwards")
    void callsOnANamedWorker() throws Exception {
        Thread[] worker = new Thread[1];
        String threadName = Ex07_NamedThreadsAndFailures.callOnWorker(() -> {
            worker[0] = Thread.currentThread();
            return Thread.currentThread().getName();
        });

        assertThat(threadName)
            .as("Ex07: the task should run on a thread made by namedDaemonThreads(\"worker\", ...). Hint: an executor with one thread takes a ThreadFactory")
            .isEqualTo("worker-1");
        assertThat(whatTheWorkerDoesAfterwards(worker[0]))
            .as("Ex07: after callOnWorker returned, its worker thread should end, but it is %s: every call leaves one behind. "
                + "Hint: an executor's thread lives until the executor is shut down; open it in try-with-resources", whatTheWorkerDoesAfterwards(worker[0]))
            .isEqualTo("ended");
    }

    /**
     * "ended", "waiting for the next task" or "still alive after 5 s". An executor that was
     * closed has no task queue to go back to, so its worker is never seen there again. (Checking
     * for that, rather than only waiting for the thread to end, also catches an executor left
     * open whose thread a garbage collection would end later: since JDK 21 an unreachable
     * single-thread executor is shut down by a Cleaner.)
     */
    private static String whatTheWorkerDoesAfterwards(Thread worker) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (worker.isAlive()) {
            for (StackTraceElement frame : worker.getStackTrace()) {
                if (frame.getClassName().equals("java.util.concurrent.ThreadPoolExecutor") && frame.getMethodName().equals("getTask")) {
                    return "waiting for the next task in its executor's queue";
                }
            }
            if (System.nanoTime() > deadline) {
                return "still alive after 5 s";
            }
            Thread.sleep(2);
        }
        return "ended";
    }

    @Tag("contract:errors")
    @Test
    @DisplayName("a failing task's own exception comes back to the caller, unwrapped")
    void failureIsSurfaced() {
        assertThat(Starter.unlessNotImplemented(catchThrowable(() -> Ex07_NamedThreadsAndFailures.callOnWorker(() -> {
            throw new IOException("disk full");
        }))))
            .as("Ex07: the task's IOException should reach the caller as itself, not wrapped and not lost. "
                + "Hint: Future.get() wraps what the task threw in an ExecutionException; its cause is the task's own exception")
            .isInstanceOf(IOException.class)
            .hasMessage("disk full");
    }

    @Tag("contract:errors")
    @Test
    @DisplayName("a task that throws an Error: the Error itself comes back to the caller")
    void errorIsSurfacedToo() {
        assertThat(Starter.unlessNotImplemented(catchThrowable(() -> Ex07_NamedThreadsAndFailures.callOnWorker(() -> {
            throw new AssertionError("checksum mismatch");
        }))))
            .as("Ex07: the task threw an AssertionError (an Error, not an Exception); it should reach the caller as itself. "
                + "Hint: the cause of an ExecutionException is a Throwable: rethrow an Exception as an Exception and an Error as an Error, never cast it")
            .isInstanceOf(AssertionError.class)
            .hasMessage("checksum mismatch");
    }
}
