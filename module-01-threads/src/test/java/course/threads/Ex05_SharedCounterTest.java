package course.threads;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.File;
import java.lang.invoke.VarHandle;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

@DisplayName("Ex05 · A shared counter that loses no increment")
class Ex05_SharedCounterTest {

    @Tag("contract:values")
    @Test
    @DisplayName("counts correctly on one thread")
    void countsOnOneThread() {
        Ex05_SharedCounter counter = new Ex05_SharedCounter();
        assertThat(counter.sum()).as("Ex05: a new counter starts at 0").isZero();

        for (int i = 0; i < 3; i++) {
            counter.increment();
        }

        assertThat(counter.sum()).as("Ex05: three increments make 3").isEqualTo(3);
    }

    @Tag("contract:state")
    @Test
    @DisplayName("two counters side by side count on their own")
    void countersAreIndependent() {
        Ex05_SharedCounter pages = new Ex05_SharedCounter();
        Ex05_SharedCounter images = new Ex05_SharedCounter();
        for (int i = 0; i < 5; i++) {
            pages.increment();
        }
        images.increment();
        Ex05_SharedCounter fresh = new Ex05_SharedCounter();

        assertThat(List.of(pages.sum(), images.sum(), fresh.sum()))
            .as("Ex05: three counters (5 increments, 1 increment, none) should say 5, 1 and 0: each counter counts its own increments. "
                + "Hint: a static field is one for the whole JVM; the count belongs to the instance")
            .containsExactly(5L, 1L, 0L);
    }

    /**
     * A race loses increments only while two threads are inside increment() at the same moment.
     * Once the JIT has compiled a racy {@code count++}, it is one x86 add on memory and the
     * window is a few nanoseconds: a run may lose nothing, and the same wrong answer would pass
     * in one run and fail in the next. So the hammering runs in a child JVM that this test starts
     * with the learner's counter kept out of the JIT: interpreted, {@code count++} is a real read,
     * add and write with a wide window between them, and a racy counter loses increments in every
     * run. The child gets its flags from here, so the verdict is the same under Maven, in an IDE
     * or with the plain JUnit launcher.
     */
    @Tag("contract:concurrency")
    @Tag("contract:cores")
    @Test
    @Timeout(60)
    @DisplayName("8 threads hammering the counter together, round after round for 2 s or more, lose no increment (in a child JVM)")
    void losesNoIncrementUnderContention() throws Exception {
        List<String> report = runInChildJvm(Hammer.class);

        int rounds = 0;
        for (String line : report) {
            String[] words = line.split(" ", 2);
            switch (words[0]) {
                case "round" -> {
                    rounds++;
                    String[] numbers = words[1].split(" ");
                    long calls = Long.parseLong(numbers[1]);
                    long counted = Long.parseLong(numbers[2]);
                    assertThat(counted)
                        .as("Ex05 (round %s): %d threads called increment() %d times in all, but sum() says %d: %d increments were lost. "
                            + "count++ is three steps (read, add, write), volatile makes each step visible but not the three indivisible, and a "
                            + "check before a write can be stale by the time you write. Hint: make the whole read-modify-write one indivisible "
                            + "step: java.util.concurrent.atomic has counters built for this",
                            numbers[0], Hammer.THREADS, calls, counted, calls - counted)
                        .isEqualTo(calls);
                }
                case "error" -> fail("Ex05: increment() or sum() threw on a hammering thread: " + words[1]);
                default -> { }
            }
        }
        assertThat(rounds)
            .as("Ex05: the child JVM that hammers the counter reported no round. Its output:%n%s", String.join(System.lineSeparator(), report))
            .isPositive();
    }

    /** Starts {@code main} in a new JVM like this one, with the learner's counter interpreted, and returns what it printed. */
    private static List<String> runInChildJvm(Class<?> main) throws Exception {
        String java = ProcessHandle.current().info().command()
            .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        // The class path is where this test and the learner's counter were loaded from, not
        // java.class.path: IDEs and build tools shorten or wrap that in different ways.
        String classPath = codeSource(main) + File.pathSeparator + codeSource(Ex05_SharedCounter.class);
        Process child = new ProcessBuilder(List.of(java,
            "-XX:CompileCommand=quiet",
            "-XX:CompileCommand=exclude,course.threads.Ex05_SharedCounter::*",
            "-XX:+UseSerialGC", "-Xmx128m",
            "-cp", classPath, main.getName()))
            .redirectErrorStream(true)
            .start();
        try {
            if (!child.waitFor(45, TimeUnit.SECONDS)) {
                fail("Ex05: the hammering did not end within 45 s (it takes 2 to 25 s). Hint: does increment() or sum() wait for something, "
                    + "or loop until a condition that another thread may never make true?");
            }
            String output = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            return output.lines().toList();
        } finally {
            child.destroyForcibly();
        }
    }

    /** The folder or jar {@code type} was loaded from (a class defined without a CodeSource falls back to java.class.path). */
    private static String codeSource(Class<?> type) throws URISyntaxException {
        var source = type.getProtectionDomain().getCodeSource();
        if (source == null || source.getLocation() == null) {
            return System.getProperty("java.class.path");
        }
        return Path.of(source.getLocation().toURI()).toString();
    }

    /**
     * Runs in the child JVM: rounds of 100 ms, each with a new counter that 8 threads, released
     * together, increment as fast as they can; at least 2 s and at least 10 rounds (a machine
     * busy with other work may let the threads overlap in only some rounds), at most 25 s, and
     * no further than the first round that lost an increment. Prints one line per round,
     * {@code round N calls counted}, or {@code error ...} if the counter threw.
     */
    static final class Hammer {
        static final int THREADS = 8;
        static final int MIN_ROUNDS = 10;

        public static void main(String[] args) throws Exception {
            long start = System.nanoTime();
            long deadline = start + TimeUnit.SECONDS.toNanos(2);
            long giveUp = start + TimeUnit.SECONDS.toNanos(25);
            int round = 0;
            boolean lost;
            do {
                round++;
                long[] tally;
                try {
                    tally = hammer(100);
                } catch (Throwable e) {
                    System.out.println("error " + (e.getCause() != null ? e.getCause() : e));
                    return;
                }
                System.out.println("round " + round + " " + tally[0] + " " + tally[1]);
                lost = tally[1] != tally[0];
            } while (!lost && (round < MIN_ROUNDS || System.nanoTime() < deadline) && System.nanoTime() < giveUp);
        }

        /** Returns {calls, counted} for one round of {@code millis} ms. */
        private static long[] hammer(long millis) throws Exception {
            Ex05_SharedCounter counter = new Ex05_SharedCounter();
            CyclicBarrier startTogether = new CyclicBarrier(THREADS + 1);   // maximise the overlap, and so the race
            AtomicBoolean stop = new AtomicBoolean();
            long[] callsPerThread = new long[THREADS];
            Throwable[] failure = new Throwable[1];
            List<Thread> threads = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                int slot = t;
                threads.add(Thread.ofPlatform().daemon().start(() -> {
                    try {
                        startTogether.await();
                        long mine = 0;
                        while (!stop.get()) {
                            counter.increment();
                            mine++;
                            VarHandle.fullFence();                // keeps the JIT from merging this loop's calls
                        }
                        callsPerThread[slot] = mine;
                    } catch (Throwable e) {
                        failure[0] = e;
                        stop.set(true);
                    }
                }));
            }
            startTogether.await(10, TimeUnit.SECONDS);
            Thread.sleep(millis);
            stop.set(true);
            for (Thread thread : threads) {
                thread.join(10_000);
                if (thread.isAlive()) {
                    throw new IllegalStateException("a hammering thread is stuck inside increment()");
                }
            }
            if (failure[0] != null) {
                throw new IllegalStateException(failure[0].toString(), failure[0]);
            }
            long calls = 0;
            for (long c : callsPerThread) {
                calls += c;
            }
            return new long[] {calls, counter.sum()};
        }
    }
}
