package course.async;

import static org.assertj.core.api.Assertions.assertThat;

import course.async.support.InFlightCounter;
import io.reactivex.rxjava3.core.Observable;
import io.reactivex.rxjava3.core.Single;
import io.reactivex.rxjava3.observers.TestObserver;
import io.reactivex.rxjava3.plugins.RxJavaPlugins;
import io.reactivex.rxjava3.schedulers.TestScheduler;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@DisplayName("Ex08 · flatMap with a concurrency cap, concatMapEager for order")
class Ex08_RxConcurrencyCapTest {

    private static final List<Integer> ITEMS = IntStream.range(0, 10).boxed().toList();
    /** Input order that is neither completion order nor sorted order: sorting the results cannot restore it. */
    private static final List<Integer> SHUFFLED = List.of(7, 2, 9, 4, 0, 5, 8, 1, 6, 3);
    /** 20 items whose first call is slow: head-of-line blocking shows as calls that do not start. */
    private static final List<Integer> SLOW_HEAD = IntStream.range(0, 20).boxed().toList();

    private final TestScheduler time = new TestScheduler();
    private final InFlightCounter inFlight = new InFlightCounter();
    private final Set<String> subscribingThreads = ConcurrentHashMap.newKeySet();
    private final List<Throwable> errors = new CopyOnWriteArrayList<>();

    /** A blocking call (blockingGet, ...) on RxJava's computation threads fails at once instead of parking one. */
    @BeforeEach
    void refuseBlockingOnComputationThreads() {
        RxJavaPlugins.setFailOnNonBlockingScheduler(true);
    }

    @AfterEach
    void resetRxJava() {
        RxJavaPlugins.reset();
    }

    /** A remote call in virtual time: even items take 100 ms, odd ones 30 ms; counted while in flight. */
    private Single<String> call(int item) {
        return call(item, item % 2 == 0 ? 100 : 30);
    }

    /** Item 0 takes 1,000 ms, every other item 10 ms. */
    private Single<String> slowHeadCall(int item) {
        return call(item, item == 0 ? 1000 : 10);
    }

    private Single<String> call(int item, long millis) {
        return Single.timer(millis, TimeUnit.MILLISECONDS, time)
            .map(t -> "result-" + item)
            .doOnSubscribe(d -> {
                subscribingThreads.add(Thread.currentThread().getName());
                inFlight.enter();
            })
            // Leave the count BEFORE the result goes downstream: flatMap starts the next call on it.
            .doOnEvent((value, error) -> inFlight.exit());
    }

    private static String capHint(int peak, int cap) {
        if (peak == 1) {
            return "one call at a time: the operator must subscribe ahead, up to the cap";
        }
        if (peak >= ITEMS.size()) {
            return "every call started at once: the operator that subscribes to many calls at once takes a maximum";
        }
        return "the cap must come from maxConcurrency, not be written as a number";
    }

    private static List<String> resultsFor(List<Integer> items) {
        return items.stream().map(i -> "result-" + i).toList();
    }

    /** The checks every run shares: no error, every call subscribed by the operator itself, on the thread that drives time. */
    private void assertNoThreadOfItsOwn(TestObserver<String> results) {
        assertThat(errors)
            .as("Ex08: the stream failed with %s. Hint: never wait for a call's result (blockingGet parks a thread, and "
                + "RxJava refuses it on its computation threads); let the operator subscribe to each call",
                errors.isEmpty() ? "" : errors.get(0))
            .isEmpty();
        assertThat(subscribingThreads)
            .as("Ex08: the calls were subscribed on %s, not on the test's thread (%s). Hint: the cap is a count of subscriptions, "
                + "not a pool of threads: no subscribeOn/observeOn/fromCallable per call", subscribingThreads, Thread.currentThread().getName())
            .containsOnly(Thread.currentThread().getName());
    }

    @Test
    @Tag("contract:values")
    @Tag("contract:placement")
    @Tag("contract:concurrency")
    @DisplayName("processAll: 10 calls with a cap of 3 keep exactly 3 in flight and deliver all 10")
    void flatMapKeepsTheCap() {
        TestObserver<String> results = Ex08_RxConcurrencyCap.processAll(Observable.fromIterable(ITEMS), this::call, 3)
            .doOnError(errors::add).test();
        time.advanceTimeBy(10, TimeUnit.SECONDS);

        assertNoThreadOfItsOwn(results);
        assertThat(inFlight.peak())
            .as("Ex08: peak in-flight calls was %d; with a cap of 3 it should be exactly 3 (10 = no cap, 1 = one at a time). "
                + "Hint: %s", inFlight.peak(), inFlight.peak() == 3 ? "" : capHint(inFlight.peak(), 3))
            .isEqualTo(3);
        assertThat(results.values())
            .as("Ex08: every item's result should arrive once")
            .containsExactlyInAnyOrderElementsOf(resultsFor(ITEMS));
        results.assertComplete();
    }

    @Test
    @Tag("contract:concurrency")
    @DisplayName("processAll: the cap is the parameter, not 3: a cap of 2 keeps exactly 2 in flight")
    void theCapIsTheParameter() {
        TestObserver<String> results = Ex08_RxConcurrencyCap.processAll(Observable.fromIterable(ITEMS), this::call, 2)
            .doOnError(errors::add).test();
        time.advanceTimeBy(10, TimeUnit.SECONDS);

        assertNoThreadOfItsOwn(results);
        assertThat(inFlight.peak())
            .as("Ex08: with a cap of 2 the peak was %d. Hint: %s", inFlight.peak(), capHint(inFlight.peak(), 2))
            .isEqualTo(2);
        assertThat(results.values()).as("Ex08: every item's result should arrive once").hasSize(10);
    }

    @Test
    @Tag("contract:concurrency")
    @DisplayName("processAll: a call that finishes frees its slot at once; the next call does not wait for the slowest of a batch")
    void aFinishedCallFreesItsSlotAtOnce() {
        Ex08_RxConcurrencyCap.processAll(Observable.fromIterable(ITEMS), this::call, 3).doOnError(errors::add).test();

        // Items 0, 1 and 2 start at 0 ms; item 1 answers at 30 ms, and item 3 should start right then.
        time.advanceTimeBy(30, TimeUnit.MILLISECONDS);
        assertThat(inFlight.started())
            .as("Ex08: at 30 ms one of the first 3 calls had answered, so a 4th should have started, but %d had started. "
                + "Hint: no batches: each finished call lets the next item in, whatever the others are doing", inFlight.started())
            .isEqualTo(4);
        assertThat(inFlight.current()).as("Ex08: still exactly 3 in flight at 30 ms").isEqualTo(3);
    }

    @Test
    @Tag("contract:values")
    @Tag("contract:placement")
    @Tag("contract:concurrency")
    @DisplayName("processAllInOrder: the same cap, results in input order although odd items finish first")
    void concatMapEagerKeepsOrder() {
        TestObserver<String> results = Ex08_RxConcurrencyCap.processAllInOrder(Observable.fromIterable(SHUFFLED), this::call, 3)
            .doOnError(errors::add).test();
        time.advanceTimeBy(10, TimeUnit.SECONDS);

        assertNoThreadOfItsOwn(results);
        assertThat(inFlight.peak())
            .as("Ex08: peak in-flight calls was %d; it should be exactly 3 (1 means one call at a time, 10 no cap). "
                + "Hint: an operator that subscribes ahead, up to the cap, yet emits in input order", inFlight.peak())
            .isEqualTo(3);
        assertThat(results.values())
            .as("Ex08: results in the order of the items (7, 2, 9, ...), not in the order they finished, and not sorted. "
                + "Hint: the eager variant of concatMap keeps input order while running up to the cap at once")
            .containsExactlyElementsOf(resultsFor(SHUFFLED));
        results.assertComplete();
    }

    @Test
    @Tag("contract:values")
    @Tag("contract:concurrency")
    @DisplayName("processAllInOrder: a cap of 2 keeps exactly 2 in flight")
    void orderedCapIsTheParameter() {
        TestObserver<String> results = Ex08_RxConcurrencyCap.processAllInOrder(Observable.fromIterable(SHUFFLED), this::call, 2)
            .doOnError(errors::add).test();
        time.advanceTimeBy(10, TimeUnit.SECONDS);

        assertNoThreadOfItsOwn(results);
        assertThat(inFlight.peak())
            .as("Ex08: with a cap of 2 the peak was %d. Hint: %s", inFlight.peak(), capHint(inFlight.peak(), 2))
            .isEqualTo(2);
        assertThat(results.values()).as("Ex08: results in input order (7, 2, 9, ...), not sorted").containsExactlyElementsOf(resultsFor(SHUFFLED));
    }

    @Test
    @Tag("contract:concurrency")
    @DisplayName("processAll: one slow call holds only its own slot; the 19 fast calls run past it")
    void aSlowCallHoldsOnlyItsOwnSlot() {
        TestObserver<String> results = Ex08_RxConcurrencyCap.processAll(Observable.fromIterable(SLOW_HEAD), this::slowHeadCall, 3)
            .doOnError(errors::add).test();

        // Item 0 holds one slot for 1,000 ms; the other two slots run the 19 fast calls, 10 ms each.
        time.advanceTimeBy(500, TimeUnit.MILLISECONDS);
        int out = results.values().size();
        assertThat(inFlight.started())
            .as("Ex08: at 500 ms the first call (1,000 ms) was still running and %d of 20 calls had started; the other two slots "
                + "should have run all 19 fast calls (10 ms each) by then. Hint: %s", inFlight.started(), out == 0
                    ? "no result came out at all: processAll hands results out as they finish. The ordered operator (concatMapEager) "
                        + "keeps a finished call's slot until every result before it is out, so one slow call stalls the rest"
                    : "each finished call lets the next item in at once, whatever the others are doing: no batches")
            .isEqualTo(SLOW_HEAD.size());
        assertThat(results.values())
            .as("Ex08: at 500 ms the 19 fast results should be out, without waiting for the slow first one")
            .hasSize(SLOW_HEAD.size() - 1)
            .doesNotContain("result-0");
    }

    @Test
    @Tag("contract:values")
    @Tag("contract:concurrency")
    @DisplayName("processAllInOrder: a slow first call holds the line; a finished call keeps its slot until its turn")
    void aSlowHeadHoldsTheLine() {
        TestObserver<String> results = Ex08_RxConcurrencyCap.processAllInOrder(Observable.fromIterable(SLOW_HEAD), this::slowHeadCall, 3)
            .doOnError(errors::add).test();

        time.advanceTimeBy(500, TimeUnit.MILLISECONDS);
        assertThat(results.values())
            .as("Ex08: at 500 ms the first item's call (1,000 ms) was still running, so no result may be out yet: input order")
            .isEmpty();
        assertThat(inFlight.started())
            .as("Ex08: at 500 ms %d calls had started; with a cap of 3, exactly 3. Calls 1 and 2 have finished, but a finished call "
                + "waiting for its turn still counts against the cap, or the results kept aside grow with the input. Hint: %s",
                inFlight.started(), inFlight.started() > 3
                    ? "an operator that subscribes ahead up to the cap and keeps each early result in its slot until its turn"
                    : "subscribe ahead, up to the cap: 3 calls start at once")
            .isEqualTo(3);

        time.advanceTimeBy(500, TimeUnit.MILLISECONDS);
        assertThat(results.values())
            .as("Ex08: at 1,000 ms the first call answered; its result and the two finished ones behind it should come out at once, "
                + "in input order, before the rest have run")
            .containsExactly("result-0", "result-1", "result-2");

        time.advanceTimeBy(10, TimeUnit.SECONDS);
        assertNoThreadOfItsOwn(results);
        assertThat(results.values()).as("Ex08: every result, in input order").containsExactlyElementsOf(resultsFor(SLOW_HEAD));
        results.assertComplete();
    }
}
