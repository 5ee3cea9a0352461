package course.threads;

import course.threads.support.Rendezvous;
import course.threads.support.TrackingThreadFactory;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("Ex02 · Split a CPU-heavy computation across cores and combine the parts")
class Ex02_SplitAcrossCoresTest {

    @Tag("contract:placement")
    @Tag("contract:concurrency")
    @Tag("contract:lifecycle")
    @Tag("contract:cores")
    @ParameterizedTest(name = "{0} parts")
    @ValueSource(ints = {4, 6})
    @DisplayName("the parts run at the same time, each on its own thread, and every thread has ended afterwards")
    void partsRunAtTheSameTime(int parts) throws Exception {
        Rendezvous allComputing = new Rendezvous(parts);
        Set<Thread> workers = ConcurrentHashMap.newKeySet();

        long total = Ex02_SplitAcrossCores.computeInParts(4_000, parts, (from, to) -> {
            workers.add(Thread.currentThread());
            allComputing.arrive();                               // every part must be in progress at once
            return Ex02_SplitAcrossCores.mixSum(from, to);
        });

        assertThat(allComputing.allMet())
            .as("Ex02: the %d parts should compute at the same time (%s). Hint: start every part's thread before you wait for any, one thread per part, "
                + "as many as the caller asks for", parts, allComputing)
            .isTrue();
        assertThat(workers)
            .as("Ex02: each of the %d parts should run on its own new thread, never on the caller's", parts)
            .hasSize(parts)
            .doesNotContain(Thread.currentThread());
        assertThat(TrackingThreadFactory.allEndWithin(workers, Duration.ofSeconds(5)))
            .as("Ex02: the threads that computed the parts are still alive 5 s after computeInParts returned: %s. "
                + "Hint: join() the threads you started; a pool you never shut down keeps its threads", workers.stream().filter(Thread::isAlive).toList())
            .isTrue();
        assertThat(total)
            .as("Ex02: the combined result of %d parts differs from the one-thread answer: some ids were computed twice or not at all, "
                + "or a part's result was lost. Hint: the ranges must cover [0, n) exactly once, also when n / parts leaves a remainder, "
                + "and every part's result is added after its thread is joined", parts)
            .isEqualTo(Ex02_SplitAcrossCores.mixSum(0, 4_000));
    }

    @Tag("contract:values")
    @Tag("contract:state")
    @ParameterizedTest(name = "n = 1,003 in {0} parts")
    @ValueSource(ints = {4, 6})
    @DisplayName("the ranges cover [0, n) exactly once, also when n does not divide evenly")
    void rangesCoverEveryIdOnce(int parts) throws Exception {
        long n = 1_003;
        List<long[]> ranges = new CopyOnWriteArrayList<>();

        Ex02_SplitAcrossCores.computeInParts(n, parts, (from, to) -> {
            ranges.add(new long[] {from, to});
            return 0;
        });

        List<long[]> sorted = ranges.stream().sorted((a, b) -> Long.compare(a[0], b[0])).toList();
        assertThat(sorted)
            .as("Ex02: call partSum exactly once per part (%d parts asked for). Hint: one thread per part, each with its own [from, to)", parts)
            .hasSize(parts);
        long expectedFrom = 0;
        for (long[] range : sorted) {
            assertThat(range[0])
                .as("Ex02: the ranges should touch without gaps or overlaps; expected one to start at %d. Hint: compute each boundary from n, the part's index and the number of parts, so that they meet", expectedFrom)
                .isEqualTo(expectedFrom);
            expectedFrom = range[1];
        }
        assertThat(expectedFrom)
            .as("Ex02: the last range should end at n = %d, so the remainder of an uneven split is not lost. Hint: with boundaries i * n / parts the last one is exactly n", n)
            .isEqualTo(n);
    }

    @Tag("contract:values")
    @Tag("contract:cores")
    @Test
    @DisplayName("on all cores the answer equals the one-thread answer")
    void allCoresGiveTheSequentialAnswer() throws Exception {
        long n = 200_001;

        assertThat(Ex02_SplitAcrossCores.mixSumOnAllCores(n))
            .as("Ex02: splitting must not change the result. Hint: every id in exactly one part, and sum every partial")
            .isEqualTo(Ex02_SplitAcrossCores.mixSum(0, n));
    }
}
