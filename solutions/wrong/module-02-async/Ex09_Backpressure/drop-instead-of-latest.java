// Wrong: keepLatest drops everything not requested: an item emitted before the request is lost, even the newest
// Caught by: latestOnRealThreads
package course.async;

import io.reactivex.rxjava3.core.Flowable;

/**
 * Ex09 · Backpressure: a fast producer, a slow consumer, and a declared strategy.
 *
 * <p>A {@code Flowable} consumer says how many items it can take ({@code request(n)}). A source
 * that cannot slow down (clicks, sensor readings, a hot stream) then has more items than
 * requests, and RxJava makes you choose what happens to the surplus instead of losing it
 * silently: BUFFER it all (nothing lost, memory grows with the gap) or keep only the LATEST
 * (bounded memory, old readings dropped on purpose). Without a choice the stream fails with
 * {@code MissingBackpressureException}.
 */
public final class Ex09_Backpressure {

    private Ex09_Backpressure() {
    }

    /** Every item reaches the consumer, in order, however far behind it falls. */
    public static Flowable<Integer> keepEverything(Flowable<Integer> fastProducer) {
        return fastProducer.onBackpressureBuffer();
    }

    /** When the consumer falls behind it gets only the newest item; older ones are dropped. */
    public static Flowable<Integer> keepLatest(Flowable<Integer> fastProducer) {
        return fastProducer.onBackpressureDrop();
    }
}
