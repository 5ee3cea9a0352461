// Wrong: profile asks for the age only after the name arrived: two lookups one after the other
// Caught by: zipSubscribesToBothAtOnce
package course.async;

import io.reactivex.rxjava3.core.Completable;
import io.reactivex.rxjava3.core.Maybe;
import io.reactivex.rxjava3.core.Observable;
import io.reactivex.rxjava3.core.Single;
import java.util.List;
import java.util.Map;

/**
 * Ex06 · RxJava's shapes: Single, Maybe, Completable, Observable, and zip for a fixed set.
 *
 * <p>RxJava names how many values an async operation may give: {@code Single} exactly one,
 * {@code Maybe} zero or one, {@code Completable} none (only done or failed), {@code Observable}
 * any number. Unlike a Vert.x Future, which is already running, an Rx type is a RECIPE: nothing
 * happens until someone subscribes, and each subscription runs it again. {@code zip} combines
 * one value from each source: the Rx form of Future.all. It subscribes to its sources in turn,
 * without waiting for a value in between, so asynchronous sources (timers, network calls) run side
 * by side; a synchronous source has already finished when zip subscribes to the next one.
 */
public final class Ex06_RxShapesAndZip {

    private Ex06_RxShapesAndZip() {
    }

    /** The user's nickname if there is one: zero or one value, so a Maybe. Looks it up on subscribe. */
    public static Maybe<String> nickname(Map<String, String> nicknames, String user) {
        // fromCallable: a null result means "empty", and the lookup waits for a subscriber.
        return Maybe.fromCallable(() -> nicknames.get(user));
    }

    /** The nickname, or the user name itself when there is none: exactly one value, so a Single. */
    public static Single<String> displayName(Map<String, String> nicknames, String user) {
        return nickname(nicknames, user).defaultIfEmpty(user);
    }

    /** Appends entry to the audit log when subscribed (not before): no value, so a Completable. */
    public static Completable audit(List<String> log, String entry) {
        return Completable.fromAction(() -> log.add(entry));
    }

    /** The words of a sentence, one value each, then completion: an Observable. */
    public static Observable<String> words(String sentence) {
        return Observable.fromArray(sentence.split(" "));
    }

    /** "name (age)", from two independent async lookups that must run at the same time. */
    public static Single<String> profile(Single<String> name, Single<Integer> age) {
        // zip subscribes to both without waiting for either value; flatMap would ask for the age
        // only after the name arrived.
        return name.flatMap(n -> age.map(a -> n + " (" + a + ")"));
    }
}
