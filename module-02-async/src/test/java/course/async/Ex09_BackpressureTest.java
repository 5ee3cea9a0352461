package course.async;

import static org.assertj.core.api.Assertions.assertThat;

import io.reactivex.rxjava3.core.Flowable;
import io.reactivex.rxjava3.processors.PublishProcessor;
import io.reactivex.rxjava3.schedulers.Schedulers;
import io.reactivex.rxjava3.subscribers.TestSubscriber;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@DisplayName("Ex09 · Backpressure: fast producer, slow consumer, declared strategy")
class Ex09_BackpressureTest {

    /** A hot producer: it emits when it likes, whatever the consumer has requested. */
    private final PublishProcessor<Integer> producer = PublishProcessor.create();
    private TestSubscriber<Integer> consumer;
    /** Errors seen between the learner's Flowable and the consumer (TestSubscriber keeps its own private). */
    private final List<Throwable> errors = new CopyOnWriteArrayList<>();

    @AfterEach
    void dispose() {
        if (consumer != null) {
            consumer.cancel();
        }
    }

    private static List<Integer> range(int fromInclusive, int toInclusive) {
        return IntStream.rangeClosed(fromInclusive, toInclusive).boxed().toList();
    }

    /** A producer on a computation thread that emits every 100 µs and ignores requests. */
    private static Flowable<Integer> fastIntervalProducer(int count) {
        return Flowable.interval(100, TimeUnit.MICROSECONDS).take(count).map(Long::intValue);
    }

    /** A consumer on another thread that takes one item at a time and needs 1 ms for each. */
    private TestSubscriber<Integer> slowConsumer(Flowable<Integer> items) {
        return items.doOnError(errors::add).observeOn(Schedulers.single(), false, 1)
            .doOnNext(item -> Thread.sleep(1))
            .test();
    }

    @Tag("contract:values")
    @Test
    @DisplayName("keepEverything: 100,000 items emitted before any request all arrive, in order, as requested")
    void bufferLosesNothing() {
        consumer = Ex09_Backpressure.keepEverything(producer).doOnError(errors::add).test(0);   // a consumer that requested nothing yet

        // Far more than any "safe" bound (128, 1,024, 10,000): keepEverything promises that nothing is lost, however far behind.
        range(1, 100_000).forEach(producer::onNext);
        assertThat(errors)
            .as("Ex09: the stream failed with %s while 100,000 items waited for a request. Hint: %s",
                errors.isEmpty() ? "" : errors.get(0), errors.isEmpty() ? "" : floodHint(errors.get(0)))
            .isEmpty();
        assertThat(consumer.values()).as("Ex09: nothing may be pushed before it is requested").isEmpty();

        consumer.request(10);
        assertThat(consumer.values())
            .as("Ex09: request(10) should give the first 10 items, emitted before any request, but gave %s. Hint: %s", consumer.values(),
                consumer.values().isEmpty()
                    ? "the unrequested items were dropped; keep every one of them until it is requested"
                    : "the oldest items are gone: a bounded buffer that drops the oldest (or newest) loses items; keep them all")
            .isEqualTo(range(1, 10));

        consumer.request(Long.MAX_VALUE);
        producer.onComplete();
        assertThat(consumer.values())
            .as("Ex09: every one of the 100,000 items should arrive, in order. Hint: keep them all until requested; drop, latest or a bounded buffer lose some")
            .isEqualTo(range(1, 100_000));
        consumer.assertComplete();
    }

    private static String latestHint(List<Integer> got) {
        if (got.isEmpty() || got.get(0) == 1_001) {
            return "the newest reading emitted before the request was dropped; keep the newest one until it is requested";
        }
        if (got.get(0) == 1) {
            return "a buffer hands out the OLDEST items first; keep only the newest one";
        }
        return "keep exactly one unrequested item, the newest";
    }

    private static String floodHint(Throwable error) {
        return String.valueOf(error.getMessage()).contains("Buffer is full")
            ? "a bounded buffer overflowed; keepEverything needs a buffer without a bound (memory grows with the gap: that is its price)"
            : "nothing says what to do with items the consumer has not requested (MissingBackpressureException): choose a strategy that keeps them";
    }

    @Tag("contract:values")
    @Test
    @DisplayName("keepLatest: a consumer that falls behind gets the newest item, and old ones are dropped on purpose")
    void latestKeepsTheNewest() {
        consumer = Ex09_Backpressure.keepLatest(producer).doOnError(errors::add).test(0);

        range(1, 1_000).forEach(producer::onNext);
        consumer.request(1);
        range(1_001, 1_005).forEach(producer::onNext);
        consumer.request(1);

        assertThat(errors)
            .as("Ex09: the stream failed with %s. Hint: keep only the newest unrequested item", errors.isEmpty() ? "" : errors.get(0))
            .isEmpty();
        assertThat(consumer.values())
            .as("Ex09: after each request the consumer should get the NEWEST reading (1000, then 1005), but got %s. Hint: %s", consumer.values(),
                latestHint(consumer.values()))
            .containsExactly(1_000, 1_005);
    }

    @Tag("contract:values")
    @Test
    @DisplayName("on real threads: a 100 µs producer and a 1 ms consumer, nothing lost with keepEverything")
    void bufferOnRealThreads() {
        consumer = slowConsumer(Ex09_Backpressure.keepEverything(fastIntervalProducer(500)));

        consumer.awaitDone(5, TimeUnit.SECONDS);
        assertThat(errors)
            .as("Ex09: the stream failed with %s. Hint: keep every unrequested item until the consumer asks", errors.isEmpty() ? "" : errors.get(0))
            .isEmpty();
        assertThat(consumer.values())
            .as("Ex09: all 500 readings, in order; none may be dropped")
            .isEqualTo(IntStream.range(0, 500).boxed().toList());
    }

    @Tag("contract:values")
    @Test
    @DisplayName("on real threads: keepLatest drops readings but keeps order and delivers the very last one")
    void latestOnRealThreads() {
        consumer = slowConsumer(Ex09_Backpressure.keepLatest(fastIntervalProducer(500)));

        List<Integer> seen = consumer.awaitDone(5, TimeUnit.SECONDS).values();
        assertThat(errors).as("Ex09: the stream failed with %s. Hint: keep only the newest unrequested item", errors.isEmpty() ? "" : errors.get(0)).isEmpty();
        assertThat(seen)
            .as("Ex09: the consumer cannot keep up, so some readings are dropped, the rest stay in order, and the last one (499) is kept. "
                + "Hint: keepLatest skips to the newest reading; keeping every one (a buffer) makes the consumer fall further behind")
            .hasSizeLessThan(500)
            .isSorted()
            .endsWith(499);
    }
}
