import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.StructuredTaskScope;
import java.util.concurrent.StructuredTaskScope.Joiner;
import java.util.concurrent.StructuredTaskScope.Subtask;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Module 01 sample (not an exercise): wait for a fixed set of subtasks, twice. Once with
 * {@code invokeAll}, once with {@code StructuredTaskScope}, a PREVIEW API in JDK 25 (JEP 505,
 * fifth preview: its shape changed in 25 and may change again). Run it with
 *
 * <pre>
 *   ./mvnw -q -pl module-01-threads validate exec:exec@structured
 * </pre>
 *
 * which starts {@code java --enable-preview --source 25 samples/StructuredFanOut.java} on JDK 25
 * only (see RunPreviewSample.java). A product page needs three lookups; the stock lookup fails
 * after 50 ms while the reviews lookup would take 2 s.
 */
public class StructuredFanOut {

    /** What each run saw, so the sample can check its own claims (and fail CI if they stop holding). */
    static final List<String> events = new CopyOnWriteArrayList<>();

    public static void main(String[] args) throws Exception {
        System.out.println("Three lookups: price (300 ms), stock (fails after 50 ms), reviews (2 s).");
        System.out.println();
        withInvokeAll();
        boolean invokeAllLetReviewsFinish = events.contains("reviews done");
        events.clear();
        System.out.println();
        long scopeThreadsAlive = withStructuredTaskScope();
        boolean scopeCancelledReviews = events.contains("reviews interrupted: cancelled") && !events.contains("reviews done");

        if (!invokeAllLetReviewsFinish || !scopeCancelledReviews || scopeThreadsAlive != 0) {
            System.out.println("Sample check FAILED: expected invokeAll to let reviews finish (" + invokeAllLetReviewsFinish
                + "), the scope to cancel it (" + scopeCancelledReviews + ") and no scope thread alive after close (" + scopeThreadsAlive + ")");
            System.exit(1);
        }
    }

    /** invokeAll waits for every task: a failure neither stops the others nor reaches you early. */
    static void withInvokeAll() throws InterruptedException {
        System.out.println("== invokeAll on a virtual-thread-per-task executor");
        TrackedThreads threads = new TrackedThreads("invokeAll-");
        long start = System.nanoTime();
        try (ExecutorService executor = Executors.newThreadPerTaskExecutor(threads)) {
            List<Future<String>> futures = executor.invokeAll(lookups(start));   // returns when ALL are done
            for (Future<String> future : futures) {
                try {
                    future.get();
                } catch (ExecutionException e) {
                    say(start, "the caller learns that stock failed (" + e.getCause().getMessage() + ")");
                }
            }
        }
        say(start, "after close(): " + threads.alive() + " of " + threads.count() + " threads alive; the reviews lookup ran to the end for nothing");
    }

    /** The scope cancels the siblings when one fails, and close() waits until every thread has ended. */
    static long withStructuredTaskScope() throws InterruptedException {
        System.out.println("== StructuredTaskScope.open(Joiner.allSuccessfulOrThrow())   [preview in JDK 25]");
        TrackedThreads threads = new TrackedThreads("scope-");
        long start = System.nanoTime();
        try (var scope = StructuredTaskScope.open(Joiner.<String>allSuccessfulOrThrow(), config -> config.withThreadFactory(threads))) {
            for (Callable<String> lookup : lookups(start)) {
                scope.fork(lookup);                                // one new (virtual) thread per subtask
            }
            List<String> page = scope.join().map(Subtask::get).toList();   // throws when one fails
            say(start, "page: " + page);
        } catch (StructuredTaskScope.FailedException e) {
            say(start, "the caller learns that stock failed (" + e.getCause().getMessage() + "); the siblings were interrupted");
        }
        say(start, "after the try block: " + threads.alive() + " of " + threads.count() + " threads alive (close() waited for all of them)");
        return threads.alive();
    }

    static List<Callable<String>> lookups(long start) {
        return List.of(
            () -> lookup(start, "price", Duration.ofMillis(300)),
            () -> {
                Thread.sleep(50);
                say(start, "stock fails");
                throw new IllegalStateException("stock service unavailable");
            },
            () -> lookup(start, "reviews", Duration.ofSeconds(2)));
    }

    static String lookup(long start, String what, Duration takes) throws InterruptedException {
        try {
            Thread.sleep(takes);
        } catch (InterruptedException e) {
            say(start, what + " interrupted: cancelled");
            events.add(what + " interrupted: cancelled");
            throw e;
        }
        say(start, what + " done");
        events.add(what + " done");
        return what;
    }

    static void say(long start, String line) {
        System.out.printf("  %5d ms  %s%n", (System.nanoTime() - start) / 1_000_000, line);
    }

    /** Makes virtual threads and remembers them, so the sample can count the ones still alive. */
    static final class TrackedThreads implements ThreadFactory {
        private final ThreadFactory virtual;
        private final List<Thread> made = new CopyOnWriteArrayList<>();

        TrackedThreads(String prefix) {
            this.virtual = Thread.ofVirtual().name(prefix, 1).factory();
        }

        @Override
        public Thread newThread(Runnable task) {
            Thread thread = virtual.newThread(task);
            made.add(thread);
            return thread;
        }

        long alive() {
            return made.stream().filter(Thread::isAlive).count();
        }

        int count() {
            return made.size();
        }
    }
}
