package course.async;

import static org.assertj.core.api.Assertions.assertThat;

import io.reactivex.rxjava3.core.Observable;
import io.reactivex.rxjava3.observers.TestObserver;
import io.reactivex.rxjava3.schedulers.TestScheduler;
import io.reactivex.rxjava3.subjects.PublishSubject;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@DisplayName("Ex07 · Deterministic time with a TestScheduler")
class Ex07_VirtualTimeTest {

    private final TestScheduler time = new TestScheduler();
    private TestObserver<String> observer;

    /** A wrong answer may have started real timers: dispose so nothing outlives the test. */
    @AfterEach
    void dispose() {
        if (observer != null) {
            observer.dispose();
        }
    }

    @Tag("contract:values")
    @Test
    @DisplayName("a 10 s countdown runs in virtual time: nothing early, one value per second, then liftoff")
    void countdownInVirtualTime() {
        long realStart = System.nanoTime();
        AtomicBoolean completed = new AtomicBoolean();
        observer = Ex07_VirtualTime.countdown(10, time).doOnComplete(() -> completed.set(true)).test();

        time.advanceTimeBy(999, TimeUnit.MILLISECONDS);
        assertThat(observer.values())
            .as("Ex07: nothing before the first second has passed, but got %s. Hint: the first value comes one second "
                + "after subscribing (no initial tick at 0)", observer.values())
            .isEmpty();

        time.advanceTimeBy(1, TimeUnit.MILLISECONDS);
        assertThat(observer.values())
            .as("Ex07: at 1 s the first value is \"10\", but got %s. Hint: %s", observer.values(), observer.values().isEmpty()
                ? "time the ticks on the scheduler you were given; the test's clock drives only that one"
                : "one value per second: each value needs its own tick, not one timer followed by everything")
            .containsExactly("10");

        time.advanceTimeBy(9, TimeUnit.SECONDS);
        assertThat(observer.values()).as("Ex07: at 10 s the countdown has reached 1").endsWith("2", "1").hasSize(10);
        assertThat(completed).as("Ex07: at 10 s the countdown completed before liftoff. Hint: from + 1 ticks: from numbers, then liftoff").isFalse();

        time.advanceTimeBy(1, TimeUnit.SECONDS);
        assertThat(observer.values())
            .as("Ex07: at 11 s comes liftoff, then completion. Hint: from + 1 ticks, the last one labelled liftoff")
            .containsExactly("10", "9", "8", "7", "6", "5", "4", "3", "2", "1", "liftoff");
        assertThat(completed).as("Ex07: the countdown should complete right after liftoff").isTrue();
        assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - realStart))
            .as("Ex07: 11 virtual seconds should take almost no real time")
            .isLessThan(2_000);
    }

    @Tag("contract:values")
    @Tag("contract:state")
    @Test
    @DisplayName("a countdown from any number: from 3 and from 1, one value per second, then liftoff")
    void countdownFromOtherNumbers() {
        for (int from : new int[] {3, 1}) {
            TestScheduler clock = new TestScheduler();
            observer = Ex07_VirtualTime.countdown(from, clock).test();
            List<String> expected = new ArrayList<>();
            for (int second = 1; second <= from + 1; second++) {
                clock.advanceTimeBy(1, TimeUnit.SECONDS);
                expected.add(second <= from ? String.valueOf(from - second + 1) : "liftoff");
                assertThat(observer.values())
                    .as("Ex07: a countdown from %d should have given %s after %d s, but gave %s. Hint: %s", from, expected, second,
                        observer.values(), observer.values().isEmpty()
                            ? "time the ticks on the scheduler you were given"
                            : "one tick per second; the number of ticks and their labels both depend on from")
                    .isEqualTo(expected);
            }
            clock.advanceTimeBy(10, TimeUnit.SECONDS);
            assertThat(observer.values())
                .as("Ex07: a countdown from %d should stop at liftoff, but went on: %s. Hint: the number of ticks depends on from",
                    from, observer.values())
                .isEqualTo(expected);
            observer.assertComplete();
            observer.dispose();
        }
    }

    @Tag("contract:state")
    @Test
    @DisplayName("one countdown, two subscribers: each subscription counts down from the start, on its own")
    void eachSubscriptionCountsDownOnItsOwn() {
        Observable<String> countdown = Ex07_VirtualTime.countdown(3, time);
        TestObserver<String> first = countdown.test();
        time.advanceTimeBy(2_500, TimeUnit.MILLISECONDS);
        TestObserver<String> second = countdown.test();          // subscribes 2.5 s after the first
        observer = second;
        time.advanceTimeBy(10, TimeUnit.SECONDS);
        first.dispose();

        assertThat(List.of(first.values(), second.values()))
            .as("Ex07: two subscriptions to one countdown from 3, the second 2.5 s after the first, should each see 3, 2, 1, liftoff, "
                + "but they saw %s and %s. Hint: an Observable is a recipe that runs again for every subscriber; derive each value "
                + "from the tick that subscription received, not from a counter made once per call and shared by every subscription",
                first.values(), second.values())
            .containsExactly(List.of("3", "2", "1", "liftoff"), List.of("3", "2", "1", "liftoff"));
        first.assertComplete();
        second.assertComplete();
    }

    @Tag("contract:values")
    @Test
    @DisplayName("debounce: only the query typed before a 300 ms pause is searched, once")
    void debounceInVirtualTime() {
        PublishSubject<String> keys = PublishSubject.create();
        observer = Ex07_VirtualTime.searchQueries(keys, time).test();

        for (String typed : new String[] {"j", "ja", "jav", "java"}) {
            keys.onNext(typed);
            time.advanceTimeBy(100, TimeUnit.MILLISECONDS);   // typing fast: 100 ms between keys
        }
        assertThat(observer.values())
            .as("Ex07: while the user keeps typing (100 ms gaps), nothing is searched, but got %s. Hint: wait for a 300 ms pause "
                + "after the last key (debounce), timed on the scheduler you were given; not a fixed rate (sample, throttle)", observer.values())
            .isEmpty();

        time.advanceTimeBy(200, TimeUnit.MILLISECONDS);       // 300 ms since "java"
        assertThat(observer.values())
            .as("Ex07: 300 ms after the last key, the query is searched. Hint: time the pause on the scheduler you were given")
            .containsExactly("java");

        keys.onNext("jav");
        keys.onNext("java");                                   // backspace and retype: same text
        time.advanceTimeBy(1, TimeUnit.SECONDS);
        assertThat(observer.values())
            .as("Ex07: the same query twice in a row is searched once. Hint: drop a query equal to the one just before it")
            .containsExactly("java");

        keys.onNext("kotlin");
        time.advanceTimeBy(1, TimeUnit.SECONDS);
        keys.onNext("java");                                   // back to an earlier query, but not the one just before
        time.advanceTimeBy(1, TimeUnit.SECONDS);
        assertThat(observer.values())
            .as("Ex07: java, then kotlin, then java again: the third search is new, since only a repeat of the query just "
                + "before is dropped. Hint: distinct() never lets a value through twice; compare with the previous one only")
            .containsExactly("java", "kotlin", "java");
    }
}
