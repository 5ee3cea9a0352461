package course.threads;

import course.threads.support.Rendezvous;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

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
    @DisplayName("8 threads x 250,000 increments, all released at once, make exactly 2,000,000")
    void losesNoIncrementUnderContention() throws Exception {
        int threads = 8;
        int incrementsEach = 250_000;
        Ex05_SharedCounter counter = new Ex05_SharedCounter();
        Rendezvous startTogether = new Rendezvous(threads);      // maximise the overlap, and so the race

        try (ExecutorService pool = Executors.newFixedThreadPool(threads)) {
            List<Future<?>> running = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                running.add(pool.submit(() -> {
                    startTogether.arrive();
                    for (int i = 0; i < incrementsEach; i++) {
                        counter.increment();
                    }
                }));
            }
            for (Future<?> thread : running) {
                thread.get();                                     // rethrows what increment() threw
            }
        }

        assertThat(counter.sum())
            .as("Ex05: %d threads x %d increments should count %d; a smaller total means increments were lost "
                + "(count++ is read-add-write, and volatile does not make it atomic). Hint: java.util.concurrent.atomic.LongAdder",
                threads, incrementsEach, (long) threads * incrementsEach)
            .isEqualTo((long) threads * incrementsEach);
    }
}
