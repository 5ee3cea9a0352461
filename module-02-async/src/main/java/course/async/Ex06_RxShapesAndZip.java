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
        // TODO: the nickname if there is one, else an empty Maybe (not an error). The lookup happens when
        //  someone subscribes, not when this method is called.
        throw new UnsupportedOperationException("Ex06 not implemented yet: a Maybe of the nickname");
    }

    /** The nickname, or the user name itself when there is none: exactly one value, so a Single. */
    public static Single<String> displayName(Map<String, String> nicknames, String user) {
        // TODO: exactly one value, built from nickname(...): still a recipe, still no waiting.
        throw new UnsupportedOperationException("Ex06 not implemented yet: a Single of the nickname or the user name");
    }

    /** Appends entry to the audit log when subscribed (not before): no value, so a Completable. */
    public static Completable audit(List<String> log, String entry) {
        // TODO: writes entry to log once per subscription, and never before anyone subscribes.
        throw new UnsupportedOperationException("Ex06 not implemented yet: a lazy Completable that writes the audit entry");
    }

    /** The words of a sentence, one value each, then completion: an Observable. */
    public static Observable<String> words(String sentence) {
        // TODO: one value per word (words are separated by single spaces), then completion.
        throw new UnsupportedOperationException("Ex06 not implemented yet: an Observable of the words");
    }

    /** "name (age)", from two independent async lookups that must run at the same time. */
    public static Single<String> profile(Single<String> name, Single<Integer> age) {
        // TODO: "name (age)" from both lookups. Both must be under way before either has answered (two
        //  100 ms lookups give the profile after 100 ms, not 200), and nothing may wait for a value.
        throw new UnsupportedOperationException("Ex06 not implemented yet: combine the two lookups into one profile");
    }
}
