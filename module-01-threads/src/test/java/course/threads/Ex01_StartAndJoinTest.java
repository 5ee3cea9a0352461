package course.threads;

import course.threads.support.Rendezvous;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ForkJoinWorkerThread;
import java.util.function.Supplier;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

@DisplayName("Ex01 · Start a thread, join it, get its result back")
class Ex01_StartAndJoinTest {

    @Tag("contract:values")
    @Test
    @DisplayName("the value the thread computed comes back to the caller")
    void returnsTheResult() throws Exception {
        String result = Ex01_StartAndJoin.computeOnNewThread(() -> "forty-" + (40 + 2));

        assertThat(result)
            .as("Ex01: return what work.get() produced on the other thread. Hint: the thread stores it somewhere the caller can read after join()")
            .isEqualTo("forty-42");
    }

    @Tag("contract:placement")
    @Tag("contract:lifecycle")
    @Test
    @DisplayName("the work runs on a new platform thread of its own, which has ended when the call returns")
    void runsOnAnotherThread() throws Exception {
        Thread worker = Ex01_StartAndJoin.computeOnNewThread(Thread::currentThread);

        assertThat(worker)
            .as("Ex01: work.get() ran on the caller's own thread. Hint: run() is a plain method call; start() is what gives the work a thread of its own")
            .isNotSameAs(Thread.currentThread());
        assertThat(worker)
            .as("Ex01: work.get() ran on a pool's worker (%s), which lives on after the call. This exercise starts a thread of its own. Hint: Thread.ofPlatform()", worker)
            .isNotInstanceOf(ForkJoinWorkerThread.class);
        assertThat(worker.isVirtual())
            .as("Ex01: this exercise is about platform (OS) threads; virtual threads come in Ex09. Hint: Thread.ofPlatform()")
            .isFalse();
        assertThat(worker.isAlive())
            .as("Ex01: the thread that ran the work (%s) was still alive when the call returned. Hint: wait for the thread itself to end, with join()", worker)
            .isFalse();
    }

    @Tag("contract:values")
    @Test
    @DisplayName("a work whose result is null: the call still returns, with null")
    void nullIsAResultToo() {
        Object[] result = {"not returned"};

        assertTimeoutPreemptively(Duration.ofSeconds(5), () -> result[0] = Ex01_StartAndJoin.computeOnNewThread(() -> null),
            () -> "Ex01: computeOnNewThread did not return within 5 s for a work that returns null. "
                + "Hint: wait for the thread to end (join()), not for a result to appear: null is a result too");
        assertThat(result[0])
            .as("Ex01: the work returned null, so should computeOnNewThread")
            .isNull();
    }

    @Tag("contract:values")
    @Tag("contract:concurrency")
    @Tag("contract:lifecycle")
    @Tag("contract:state")
    @Tag("contract:cores")
    @ParameterizedTest(name = "{0} threads")
    @MethodSource("threadCounts")
    @DisplayName("several threads all run at the same time, have ended when the call returns, and their results come back in input order")
    void startsAllBeforeJoiningAny(int count) throws Exception {
        Rendezvous allRunning = new Rendezvous(count);
        Set<Thread> workers = ConcurrentHashMap.newKeySet();
        List<Supplier<String>> works = IntStream.range(0, count).<Supplier<String>>mapToObj(i -> () -> {
            workers.add(Thread.currentThread());
            if (!allRunning.arrive()) {
                return "ran alone " + i;
            }
            sleep(Duration.ofMillis(Math.min(count - i, 7) * 15L));   // the first work finishes last (or tied, in a long list)
            return "result " + i;
        }).toList();

        List<String> results = Ex01_StartAndJoin.computeOnNewThreads(works);

        assertThat(allRunning.allMet())
            .as("Ex01: the %d works should all be running at the same moment (%s). Hint: start every thread before you wait for any, "
                + "and give every work a thread of its own, however many there are: a pool or a parallel stream runs only as many at once "
                + "as it has threads (the common pool: the cores - 1, plus the caller), so it can look right on a machine with more cores",
                count, allRunning)
            .isTrue();
        assertThat(workers)
            .as("Ex01: each work should run on its own new thread, never on the caller's")
            .hasSize(count)
            .doesNotContain(Thread.currentThread());
        assertThat(workers.stream().filter(Thread::isAlive).toList())
            .as("Ex01: these threads were still alive when computeOnNewThreads returned. Hint: join() every thread before returning")
            .isEmpty();
        assertThat(results)
            .as("Ex01: one result per work, in the order of the input list (here the first work finishes last). "
                + "Hint: give each thread its own slot, indexed like the input, instead of adding to a shared list as they finish")
            .containsExactlyElementsOf(IntStream.range(0, count).mapToObj(i -> "result " + i).toList());
    }

    /**
     * 4 and 7, and more works than this machine has cores (twice as many plus one, at least 8): a parallel stream
     * or a pool sized to the cores runs only about as many at once as there are cores, so with counts
     * fixed here it would pass on a machine with enough cores and fail on a smaller one.
     */
    static IntStream threadCounts() {
        return IntStream.of(4, 7, Math.max(8, 2 * Runtime.getRuntime().availableProcessors() + 1));
    }

    @Tag("contract:values")
    @Test
    @DisplayName("one thread per work, no more: no thread dies for a work that is not in the list")
    void noThreadBeyondTheWorks() throws Exception {
        List<String> diedOf = new CopyOnWriteArrayList<>();
        Thread.UncaughtExceptionHandler before = Thread.getDefaultUncaughtExceptionHandler();
        Thread.setDefaultUncaughtExceptionHandler((thread, error) -> diedOf.add(thread.getName() + ": " + error));
        List<String> results;
        try {
            results = Ex01_StartAndJoin.computeOnNewThreads(List.<Supplier<String>>of(() -> "a", () -> "b", () -> "c"));
        } finally {
            Thread.setDefaultUncaughtExceptionHandler(before);
        }

        assertThat(diedOf)
            .as("Ex01: threads started by computeOnNewThreads died of an exception: %s. Hint: one thread per work, the loop from 0 to works.size() - 1", diedOf)
            .isEmpty();
        assertThat(results).as("Ex01: one result per work, in input order").containsExactly("a", "b", "c");
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
