// Wrong: concatMapEager where flatMap is asked: the cap holds, but one slow call stops every other from starting
// Caught by: aSlowCallHoldsOnlyItsOwnSlot
package course.async;

import io.reactivex.rxjava3.core.Observable;
import io.reactivex.rxjava3.core.Single;
import io.reactivex.rxjava3.functions.Function;

/**
 * Ex08 · flatMap with a concurrency cap, and concatMapEager when order matters.
 *
 * <p>{@code Observable.flatMap} subscribes to the inner call of every item as soon as the item
 * arrives: a thousand items, a thousand calls in flight ({@code Flowable.flatMap} stops at 128 by
 * default, {@code Flowable.bufferSize()}). Its {@code maxConcurrency} argument is the Rx
 * version of Ex04's lanes: at most K inner calls subscribed at once, the next one starts when
 * one finishes. Results come out in completion order. {@code concatMapEager} with the same cap
 * hands them out in input order, and pays for it: a finished call keeps its slot until every
 * result before it has been emitted, so one slow call at the head stops new calls from starting
 * until it answers (head-of-line blocking). That is also what keeps its buffer within the cap.
 */
public final class Ex08_RxConcurrencyCap {

    private Ex08_RxConcurrencyCap() {
    }

    /** Runs {@code call} for every item, at most {@code maxConcurrency} at once; results as they finish. */
    public static <T, R> Observable<R> processAll(Observable<T> items, Function<T, Single<R>> call, int maxConcurrency) {
        return items.concatMapEager(item -> call.apply(item).toObservable(), maxConcurrency, 1);
    }

    /** Same cap, but the results come out in the order of the items. */
    public static <T, R> Observable<R> processAllInOrder(Observable<T> items, Function<T, Single<R>> call, int maxConcurrency) {
        // Eager: subscribes up to maxConcurrency calls ahead, buffers early finishers until their turn.
        return items.concatMapEager(item -> call.apply(item).toObservable(), maxConcurrency, 1);
    }
}
