package course.async;

import static org.assertj.core.api.Assertions.assertThat;

import io.reactivex.rxjava3.observers.TestObserver;
import io.reactivex.rxjava3.schedulers.TestScheduler;
import io.reactivex.rxjava3.subjects.PublishSubject;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
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

    @Test
    @DisplayName("a 10 s countdown runs in virtual time: nothing early, one value per second, then liftoff")
    void countdownInVirtualTime() {
        long realStart = System.nanoTime();
        observer = Ex07_VirtualTime.countdown(10, time).test();

        time.advanceTimeBy(999, TimeUnit.MILLISECONDS);
        assertThat(observer.values())
            .as("Ex07: nothing before the first second has passed. Hint: Observable.interval(1, SECONDS, scheduler)")
            .isEmpty();

        time.advanceTimeBy(1, TimeUnit.MILLISECONDS);
        assertThat(observer.values())
            .as("Ex07: at 1 s the first value is \"10\". Hint: pass the scheduler you were given to interval(...); the test's clock only drives that one")
            .containsExactly("10");

        time.advanceTimeBy(9, TimeUnit.SECONDS);
        assertThat(observer.values()).as("Ex07: at 10 s the countdown has reached 1").endsWith("2", "1").hasSize(10);
        observer.assertNotComplete();

        time.advanceTimeBy(1, TimeUnit.SECONDS);
        assertThat(observer.values())
            .as("Ex07: at 11 s comes liftoff, then completion. Hint: take(from + 1)")
            .containsExactly("10", "9", "8", "7", "6", "5", "4", "3", "2", "1", "liftoff");
        observer.assertComplete();
        assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - realStart))
            .as("Ex07: 11 virtual seconds should take almost no real time")
            .isLessThan(2_000);
    }

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
            .as("Ex07: while the user keeps typing (100 ms gaps), nothing is searched. Hint: debounce(300, MILLISECONDS, scheduler)")
            .isEmpty();

        time.advanceTimeBy(200, TimeUnit.MILLISECONDS);       // 300 ms since "java"
        assertThat(observer.values())
            .as("Ex07: 300 ms after the last key, the query is searched. Hint: debounce on the scheduler you were given")
            .containsExactly("java");

        keys.onNext("jav");
        keys.onNext("java");                                   // backspace and retype: same text
        time.advanceTimeBy(1, TimeUnit.SECONDS);
        assertThat(observer.values())
            .as("Ex07: the same query twice in a row is searched once. Hint: distinctUntilChanged()")
            .containsExactly("java");
    }
}
