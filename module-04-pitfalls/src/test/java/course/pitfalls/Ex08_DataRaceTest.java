package course.pitfalls;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@DisplayName("Ex08 · A data race on a shared map")
class Ex08_DataRaceTest {

    private static final int THREADS = 4;
    /** Long enough (tens of ms) that the writers overlap even when one is woken late or shares a core. */
    private static final int RECORDS_PER_THREAD = 1_000_000;
    private static final int MAX_ROUNDS = 3;
    private static final List<String> WORDS = List.of("async", "thread", "loop", "future");

    @Test
    @Tag("contract:values")
    @Tag("contract:concurrency")
    @Timeout(value = 30, unit = TimeUnit.SECONDS) // a correct map takes about a second per round on a busy 2-core machine
    @DisplayName("four threads recording at once lose no count")
    void countsLoseNothing() throws Exception {
        int expected = THREADS * RECORDS_PER_THREAD / WORDS.size();
        // A racy update loses counts in every round we measured (even on one core: a round outlasts a
        // time slice); a few rounds make "almost" certain. A correct one never loses any, however many rounds run.
        for (int round = 1; round <= MAX_ROUNDS; round++) {
            Ex08_DataRace words = recordFromManyThreadsAtOnce();
            for (String word : WORDS) {
                assertThat(words.count(word))
                    .as("Ex08 (round %d): \"%s\" was recorded %d times by %d threads but counted %d: two threads read the same "
                        + "old count and both wrote old + 1. Hint: ConcurrentHashMap.merge(word, 1, Integer::sum) makes the "
                        + "update one atomic step", round, word, expected, THREADS, words.count(word))
                    .isEqualTo(expected);
            }
        }
    }

    @Test
    @Tag("contract:concurrency")
    @Tag("contract:state")
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    @DisplayName("four threads meeting the same new words at once lose no word and no count")
    void newWordsLoseNothing() throws Exception {
        int words = 200_000;
        for (int round = 1; round <= MAX_ROUNDS; round++) {
            var counter = new Ex08_DataRace();
            CountDownLatch go = new CountDownLatch(1);
            // Each thread starts at a different place in the same list of new words, so the map grows under all four at once.
            List<Thread> writers = IntStream.range(0, THREADS)
                .mapToObj(t -> Thread.ofPlatform().daemon().name("ex08-new-words-" + t).start(() -> {
                    awaitQuietly(go);
                    for (int i = 0; i < words; i++) {
                        counter.record("word-" + (i + t * words / THREADS) % words);
                    }
                }))
                .toList();
            go.countDown();
            for (Thread writer : writers) {
                assertThat(writer.join(Duration.ofSeconds(8))).as("Ex08: a writer thread did not finish within 8 s").isTrue();
            }
            List<String> miscounted = IntStream.range(0, words).mapToObj(i -> "word-" + i)
                .filter(word -> counter.count(word) != THREADS).limit(3).toList();
            assertThat(miscounted)
                .as("Ex08 (round %d): every word was recorded once by each of %d threads, but some were not counted %d times "
                    + "(%s): when two threads meet a new word at once, each stores its own entry and one is lost, and a map "
                    + "that is not made for concurrent writers loses entries while it grows. Hint: a ConcurrentHashMap and "
                    + "merge(word, 1, Integer::sum): the whole update is one atomic step",
                    round, THREADS, THREADS, miscounted.stream().map(w -> w + " = " + counter.count(w)).toList())
                .isEmpty();
        }
    }

    @Test
    @Tag("contract:concurrency")
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    @DisplayName("a count read while four threads record new words sees every word recorded before")
    void readsWhileOthersWriteSeeEveryWord() throws Exception {
        int words = 200_000;
        List<String> early = IntStream.range(0, 64).mapToObj(i -> "early-" + i).toList();
        for (int round = 1; round <= MAX_ROUNDS; round++) {
            var counter = new Ex08_DataRace();
            early.forEach(counter::record); // each counted once, before any other thread writes
            CountDownLatch go = new CountDownLatch(1);
            AtomicBoolean writing = new AtomicBoolean(true);
            Queue<String> misread = new ConcurrentLinkedQueue<>();
            List<Thread> readers = IntStream.range(0, 2)
                .mapToObj(r -> Thread.ofPlatform().daemon().name("ex08-reader-" + r).start(() -> {
                    awaitQuietly(go);
                    try {
                        while (writing.get() && misread.isEmpty()) {
                            for (String word : early) {
                                int seen = counter.count(word);
                                if (seen != 1) {
                                    misread.add(word + " read as " + seen);
                                }
                            }
                        }
                    } catch (RuntimeException | Error broken) {
                        misread.add("a read threw " + broken);
                    }
                }))
                .toList();
            List<Thread> writers = IntStream.range(0, THREADS)
                .mapToObj(t -> Thread.ofPlatform().daemon().name("ex08-grower-" + t).start(() -> {
                    awaitQuietly(go);
                    for (int i = 0; i < words && misread.isEmpty(); i++) {
                        counter.record("word-" + (i + t * words / THREADS) % words);
                    }
                }))
                .toList();
            go.countDown();
            for (Thread writer : writers) {
                assertThat(writer.join(Duration.ofSeconds(8))).as("Ex08: a writer thread did not finish within 8 s").isTrue();
            }
            writing.set(false);
            for (Thread reader : readers) {
                assertThat(reader.join(Duration.ofSeconds(8))).as("Ex08: a reader thread did not finish within 8 s").isTrue();
            }
            assertThat(misread)
                .as("Ex08 (round %d): words counted once before %d threads began to record new ones were read, while they "
                    + "wrote, with another count (%s): a read that takes no part in the writers' safety (a lock only "
                    + "around record, a plain HashMap read while it grows) sees the map half-way through a change. Hint: a "
                    + "ConcurrentHashMap: its reads are safe while others write, without a lock",
                    round, THREADS, misread.stream().limit(3).toList())
                .isEmpty();
        }
    }

    /** THREADS threads, released together by one latch, each recording the words round-robin. */
    private static Ex08_DataRace recordFromManyThreadsAtOnce() throws InterruptedException {
        var words = new Ex08_DataRace();
        CountDownLatch go = new CountDownLatch(1);
        List<Thread> writers = IntStream.range(0, THREADS)
            .mapToObj(t -> Thread.ofPlatform().daemon().name("ex08-writer-" + t).start(() -> {
                awaitQuietly(go);
                for (int i = 0; i < RECORDS_PER_THREAD; i++) {
                    words.record(WORDS.get(i % WORDS.size()));
                }
            }))
            .toList();
        go.countDown();
        for (Thread writer : writers) {
            assertThat(writer.join(Duration.ofSeconds(8))).as("Ex08: a writer thread did not finish within 8 s").isTrue();
        }
        return words;
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
