package course.threads;

import course.threads.support.Rendezvous;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.lang.invoke.VarHandle;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("Ex05 · A shared counter that loses no increment")
class Ex05_SharedCounterTest {

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

    @Test
    @DisplayName("8 threads hammering the counter together, round after round for 2 s, lose no increment")
    void losesNoIncrementUnderContention() throws Exception {
        int threads = 8;
        // A race loses increments only while two threads really run at the same moment. On a busy
        // 2-core machine that may not happen for a while, so the test keeps trying for 2 s, in
        // rounds of 100 ms, and checks every round: a correct counter is exact in all of them.
        long deadline = System.nanoTime() + Duration.ofSeconds(2).toNanos();
        int round = 0;
        do {
            round++;
            Tally tally = hammer(threads, Duration.ofMillis(100));

            assertThat(tally.counted())
                .as("Ex05 (round %d): %d threads called increment() %d times in all, but sum() says %d: %d increments were lost "
                    + "(count++ is read-add-write, and volatile does not make it atomic). Hint: java.util.concurrent.atomic.LongAdder",
                    round, threads, tally.calls(), tally.counted(), tally.calls() - tally.counted())
                .isEqualTo(tally.calls());
        } while (System.nanoTime() < deadline);
    }

    /** How many times increment() was called, and what sum() said afterwards. */
    private record Tally(long calls, long counted) {
    }

    /** Has {@code threads} threads, released together, call increment() for {@code duration}. */
    private static Tally hammer(int threads, Duration duration) throws Exception {
        Ex05_SharedCounter counter = new Ex05_SharedCounter();
        Rendezvous startTogether = new Rendezvous(threads);      // maximise the overlap, and so the race
        AtomicBoolean stop = new AtomicBoolean();
        LongAdder calls = new LongAdder();                        // each thread adds its own count once, at the end

        try (ExecutorService pool = Executors.newFixedThreadPool(threads)) {
            List<Future<?>> running = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                running.add(pool.submit(() -> {
                    startTogether.arrive();
                    long mine = 0;
                    while (!stop.get()) {
                        counter.increment();
                        mine++;
                        // Without a fence the JIT may merge many count++ into one add and hide
                        // the race (this module's pom also keeps the counter's own code interpreted).
                        VarHandle.fullFence();
                    }
                    calls.add(mine);
                }));
            }
            Thread.sleep(duration);
            stop.set(true);
            for (Future<?> thread : running) {
                thread.get();                                     // rethrows what increment() threw
            }
        }
        return new Tally(calls.sum(), counter.sum());
    }
}
