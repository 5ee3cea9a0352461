// Wrong: one timer, then every value at once: nothing per second
// Caught by: countdownInVirtualTime
package course.async;

import io.reactivex.rxjava3.core.Observable;
import io.reactivex.rxjava3.core.Scheduler;
import java.util.concurrent.TimeUnit;

/**
 * Ex07 · Deterministic time: take the Scheduler as a parameter, test with a TestScheduler.
 *
 * <p>Every time-based Rx operator (interval, timer, delay, debounce, timeout) runs on a
 * Scheduler, by default {@code Schedulers.computation()}, i.e. real threads and real time. Code
 * that accepts the Scheduler from its caller can be driven by a {@code TestScheduler} in tests:
 * {@code advanceTimeBy(10, SECONDS)} runs ten seconds of timers instantly, on the test thread,
 * in the same order every run. No sleeps, no flakes, a fast suite.
 */
public final class Ex07_VirtualTime {

    private Ex07_VirtualTime() {
    }

    /**
     * A launch countdown: one second after subscribing emits "from", then one value per second
     * down to "1", then "liftoff", then completes. All timing on {@code scheduler}.
     */
    public static Observable<String> countdown(int from, Scheduler scheduler) {
        return Observable.timer(1, TimeUnit.SECONDS, scheduler)
            .flatMap(fired -> Observable.rangeLong(0, from + 1L))
            .map(tick -> tick < from ? String.valueOf(from - tick) : "liftoff");
    }

    /**
     * A search box: emits the text only once the user has paused typing for 300 ms, and never
     * the same query twice in a row. All timing on {@code scheduler}.
     */
    public static Observable<String> searchQueries(Observable<String> keystrokes, Scheduler scheduler) {
        return keystrokes
            .debounce(300, TimeUnit.MILLISECONDS, scheduler)
            .distinctUntilChanged();
    }
}
