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
        // TODO: from, from - 1, ..., 1, then "liftoff", one value per second, the first one second after
        //  subscribing, for any from. Every timer on the given scheduler: the test's virtual clock drives
        //  only that one.
        throw new UnsupportedOperationException("Ex07 not implemented yet: a countdown timed on the given scheduler");
    }

    /**
     * A search box: emits the text only once the user has paused typing for 300 ms, and never
     * the same query twice in a row. All timing on {@code scheduler}.
     */
    public static Observable<String> searchQueries(Observable<String> keystrokes, Scheduler scheduler) {
        // TODO: emit the text once no key came for 300 ms (timed on the given scheduler), and skip a query
        //  equal to the one searched just before it (a query searched earlier may come again later).
        throw new UnsupportedOperationException("Ex07 not implemented yet: search once the user pauses typing");
    }
}
