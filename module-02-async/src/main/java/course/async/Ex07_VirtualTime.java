package course.async;

import io.reactivex.rxjava3.core.Observable;
import io.reactivex.rxjava3.core.Scheduler;

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
        // TODO: Observable.interval(1, TimeUnit.SECONDS, scheduler) gives ticks 0, 1, 2, ... one per
        //  second; take(from + 1) of them and map tick t to String.valueOf(from - t), the last one
        //  to "liftoff". Pass the scheduler: without it the test's virtual clock cannot drive you.
        throw new UnsupportedOperationException("Ex07 not implemented yet: a countdown timed on the given scheduler");
    }

    /**
     * A search box: emits the text only once the user has paused typing for 300 ms, and never
     * the same query twice in a row. All timing on {@code scheduler}.
     */
    public static Observable<String> searchQueries(Observable<String> keystrokes, Scheduler scheduler) {
        // TODO: keystrokes.debounce(300, TimeUnit.MILLISECONDS, scheduler).distinctUntilChanged().
        throw new UnsupportedOperationException("Ex07 not implemented yet: debounce the keystrokes on the given scheduler");
    }
}
