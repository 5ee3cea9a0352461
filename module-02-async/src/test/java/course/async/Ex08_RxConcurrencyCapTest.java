package course.async;

import static org.assertj.core.api.Assertions.assertThat;

import course.async.support.InFlightCounter;
import io.reactivex.rxjava3.core.Observable;
import io.reactivex.rxjava3.core.Single;
import io.reactivex.rxjava3.observers.TestObserver;
import io.reactivex.rxjava3.schedulers.TestScheduler;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Ex08 · flatMap with a concurrency cap, concatMapEager for order")
class Ex08_RxConcurrencyCapTest {

    private static final List<Integer> ITEMS = IntStream.range(0, 10).boxed().toList();

    private final TestScheduler time = new TestScheduler();
    private final InFlightCounter inFlight = new InFlightCounter();

    /** A remote call in virtual time: even items take 100 ms, odd ones 30 ms; counted while in flight. */
    private Single<String> call(int item) {
        return Single.timer(item % 2 == 0 ? 100 : 30, TimeUnit.MILLISECONDS, time)
            .map(t -> "result-" + item)
            .doOnSubscribe(d -> inFlight.enter())
            // Leave the count BEFORE the result goes downstream: flatMap starts the next call on it.
            .doOnEvent((value, error) -> inFlight.exit());
    }

    @Test
    @DisplayName("processAll: 10 calls with a cap of 3 keep exactly 3 in flight and deliver all 10")
    void flatMapKeepsTheCap() {
        TestObserver<String> results = Ex08_RxConcurrencyCap.processAll(Observable.fromIterable(ITEMS), this::call, 3).test();
        time.advanceTimeBy(10, TimeUnit.SECONDS);

        assertThat(inFlight.peak())
            .as("Ex08: peak in-flight calls was %d; with a cap of 3 it should be exactly 3 (10 = no cap, 1 = concatMap). Hint: flatMap(mapper, maxConcurrency)", inFlight.peak())
            .isEqualTo(3);
        assertThat(results.values())
            .as("Ex08: every item's result should arrive once")
            .containsExactlyInAnyOrderElementsOf(ITEMS.stream().map(i -> "result-" + i).toList());
        results.assertComplete();
    }

    @Test
    @DisplayName("processAllInOrder: the same cap, results in input order although odd items finish first")
    void concatMapEagerKeepsOrder() {
        TestObserver<String> results = Ex08_RxConcurrencyCap.processAllInOrder(Observable.fromIterable(ITEMS), this::call, 3).test();
        time.advanceTimeBy(10, TimeUnit.SECONDS);

        assertThat(inFlight.peak())
            .as("Ex08: peak in-flight calls was %d; it should be exactly 3 (1 means concatMap, one at a time). Hint: concatMapEager(mapper, maxConcurrency, 1)", inFlight.peak())
            .isEqualTo(3);
        assertThat(results.values())
            .as("Ex08: results in the order of the items, not the order they finished. Hint: concatMapEager, not flatMap")
            .containsExactlyElementsOf(ITEMS.stream().map(i -> "result-" + i).toList());
        results.assertComplete();
    }
}
