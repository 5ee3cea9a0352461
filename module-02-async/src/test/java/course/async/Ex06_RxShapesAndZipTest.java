package course.async;

import static org.assertj.core.api.Assertions.assertThat;

import io.reactivex.rxjava3.core.Completable;
import io.reactivex.rxjava3.core.Single;
import io.reactivex.rxjava3.observers.TestObserver;
import io.reactivex.rxjava3.schedulers.TestScheduler;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Ex06 · RxJava shapes: Single, Maybe, Completable, Observable, and zip")
class Ex06_RxShapesAndZipTest {

    private static final Map<String, String> NICKNAMES = Map.of("margaret", "maggie");

    @Test
    @DisplayName("Maybe: one value when there is a nickname, empty (not an error) when there is none")
    void maybeIsZeroOrOne() {
        TestObserver<String> found = Ex06_RxShapesAndZip.nickname(NICKNAMES, "margaret").test();
        assertThat(found.values())
            .as("Ex06: margaret's nickname is maggie. Hint: Maybe.fromCallable(() -> nicknames.get(user))")
            .containsExactly("maggie");
        found.assertComplete();

        TestObserver<String> none = Ex06_RxShapesAndZip.nickname(NICKNAMES, "bob").test();
        assertThat(none.values())
            .as("Ex06: no nickname means an EMPTY Maybe (no value, then complete). Hint: Maybe.fromCallable returning null")
            .isEmpty();
        none.assertNoErrors().assertComplete();
    }

    @Test
    @DisplayName("Single: defaultIfEmpty turns the Maybe into exactly one value")
    void singleIsExactlyOne() {
        assertThat(Ex06_RxShapesAndZip.displayName(NICKNAMES, "margaret").test().values())
            .as("Ex06: with a nickname, the display name is the nickname")
            .containsExactly("maggie");
        TestObserver<String> fallback = Ex06_RxShapesAndZip.displayName(NICKNAMES, "bob").test();
        assertThat(fallback.values())
            .as("Ex06: with no nickname the display name is the user name. Hint: nickname(...).defaultIfEmpty(user)")
            .containsExactly("bob");
    }

    @Test
    @DisplayName("Completable: nothing happens until someone subscribes, and it happens again per subscription")
    void completableIsLazy() {
        List<String> log = new ArrayList<>();

        Completable audit = Ex06_RxShapesAndZip.audit(log, "login");
        assertThat(log)
            .as("Ex06: creating the Completable must not write anything yet: an Rx type is a recipe. Hint: Completable.fromAction(...)")
            .isEmpty();

        audit.test().assertComplete();
        audit.test().assertComplete();
        assertThat(log)
            .as("Ex06: each subscription runs the recipe once")
            .containsExactly("login", "login");
    }

    @Test
    @DisplayName("Observable: many values, then completion")
    void observableIsMany() {
        TestObserver<String> words = Ex06_RxShapesAndZip.words("threads versus async").test();
        assertThat(words.values())
            .as("Ex06: one value per word, in order. Hint: Observable.fromArray(sentence.split(\" \"))")
            .containsExactly("threads", "versus", "async");
        words.assertComplete();
    }

    @Test
    @DisplayName("zip runs both lookups at once: two 100 ms lookups give a profile after 100 ms, not 200")
    void zipSubscribesToBothAtOnce() {
        TestScheduler time = new TestScheduler();
        Single<String> name = Single.timer(100, TimeUnit.MILLISECONDS, time).map(t -> "Ada");
        Single<Integer> age = Single.timer(100, TimeUnit.MILLISECONDS, time).map(t -> 36);

        TestObserver<String> profile = Ex06_RxShapesAndZip.profile(name, age).test();
        time.advanceTimeBy(100, TimeUnit.MILLISECONDS);

        assertThat(profile.values())
            .as("Ex06: after 100 ms both lookups are done, so the profile should be there; one after the other needs 200 ms. Hint: Single.zip, not flatMap")
            .containsExactly("Ada (36)");
        profile.assertComplete();
    }
}
