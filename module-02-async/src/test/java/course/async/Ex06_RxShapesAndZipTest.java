package course.async;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import io.reactivex.rxjava3.core.Completable;
import io.reactivex.rxjava3.core.Maybe;
import io.reactivex.rxjava3.core.Single;
import io.reactivex.rxjava3.observers.TestObserver;
import io.reactivex.rxjava3.plugins.RxJavaPlugins;
import io.reactivex.rxjava3.schedulers.TestScheduler;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@DisplayName("Ex06 · RxJava shapes: Single, Maybe, Completable, Observable, and zip")
class Ex06_RxShapesAndZipTest {

    private static final Map<String, String> NICKNAMES = Map.of("margaret", "maggie");

    /**
     * Every blocking call of RxJava (blockingGet, blockingFirst, ...) fails at once in these tests, with an
     * IllegalStateException, instead of parking the test thread: nothing in this exercise may wait for a value.
     * (RxJava does this by itself on its computation and single schedulers once failOnNonBlockingScheduler is on.)
     */
    @BeforeEach
    void refuseBlockingCalls() {
        RxJavaPlugins.setFailOnNonBlockingScheduler(true);
        RxJavaPlugins.setOnBeforeBlocking(() -> true);
    }

    @AfterEach
    void resetRxJava() {
        RxJavaPlugins.reset();
    }

    /** Builds the learner's Rx value; building must run nothing, so it must not throw either. */
    private static <T> T build(String what, Supplier<T> recipe) {
        try {
            return recipe.get();
        } catch (RuntimeException e) {
            return fail("Ex06: building " + what + " threw " + e + blockingNote(e)
                + ". An Rx type is a recipe: nothing should run, wait or fail until someone subscribes", e);
        }
    }

    private static String blockingNote(Throwable error) {
        return error instanceof IllegalStateException && String.valueOf(error.getMessage()).startsWith("Attempt to block")
            ? " (a blocking call such as blockingGet waits for the value on the calling thread)"
            : "";
    }

    @Tag("contract:values")
    @Test
    @DisplayName("Maybe: one value when there is a nickname, empty (not an error) when there is none")
    void maybeIsZeroOrOne() {
        TestObserver<String> found = build("nickname(margaret)", () -> Ex06_RxShapesAndZip.nickname(NICKNAMES, "margaret")).test();
        assertThat(found.values())
            .as("Ex06: margaret's nickname is maggie")
            .containsExactly("maggie");
        found.assertComplete();

        List<Throwable> errors = new CopyOnWriteArrayList<>();
        TestObserver<String> none = build("nickname(bob)", () -> Ex06_RxShapesAndZip.nickname(NICKNAMES, "bob"))
            .doOnError(errors::add).test();
        assertThat(errors)
            .as("Ex06: no nickname is not an error: the Maybe should simply complete empty. Hint: a Maybe built from a "
                + "lookup that may return null turns null into \"empty\" (fromCallable); a Single cannot hold null")
            .isEmpty();
        assertThat(none.values())
            .as("Ex06: no nickname means an EMPTY Maybe (no value, then complete)")
            .isEmpty();
        none.assertComplete();
    }

    @Tag("contract:state")
    @Test
    @DisplayName("Maybe and Single look the nickname up when subscribed, not when built")
    void lookupsHappenOnSubscribe() {
        Map<String, String> nicknames = new HashMap<>();
        Maybe<String> nickname = build("nickname(ada)", () -> Ex06_RxShapesAndZip.nickname(nicknames, "ada"));
        Single<String> displayName = build("displayName(ada)", () -> Ex06_RxShapesAndZip.displayName(nicknames, "ada"));

        nicknames.put("ada", "countess");   // the nickname appears after the recipes were built, before anyone subscribed

        assertThat(nickname.test().values())
            .as("Ex06: nickname(...) looked the map up when it was built (it missed the nickname added afterwards). "
                + "Hint: defer the lookup to subscription (fromCallable), do not look up first and wrap the result")
            .containsExactly("countess");
        assertThat(displayName.test().values())
            .as("Ex06: displayName(...) decided when it was built, not when subscribed. Hint: derive it from the Maybe "
                + "(defaultIfEmpty), without waiting for a value")
            .containsExactly("countess");
    }

    @Tag("contract:values")
    @Test
    @DisplayName("Single: defaultIfEmpty turns the Maybe into exactly one value")
    void singleIsExactlyOne() {
        assertThat(build("displayName(margaret)", () -> Ex06_RxShapesAndZip.displayName(NICKNAMES, "margaret")).test().values())
            .as("Ex06: with a nickname, the display name is the nickname")
            .containsExactly("maggie");
        TestObserver<String> fallback = build("displayName(bob)", () -> Ex06_RxShapesAndZip.displayName(NICKNAMES, "bob")).test();
        assertThat(fallback.values())
            .as("Ex06: with no nickname the display name is the user name. Hint: turn the empty case into a default value")
            .containsExactly("bob");
    }

    @Tag("contract:values")
    @Tag("contract:state")
    @Test
    @DisplayName("Completable: nothing happens until someone subscribes, and it happens again per subscription")
    void completableIsLazy() {
        List<String> log = new ArrayList<>();

        Completable audit = build("audit(...)", () -> Ex06_RxShapesAndZip.audit(log, "login"));
        assertThat(log)
            .as("Ex06: creating the Completable must not write anything yet: an Rx type is a recipe, run once per subscription. "
                + "Hint: wrap the write in an action the Completable runs when subscribed")
            .isEmpty();

        audit.test().assertComplete();
        audit.test().assertComplete();
        assertThat(log)
            .as("Ex06: each subscription runs the recipe once")
            .containsExactly("login", "login");
    }

    @Tag("contract:values")
    @Test
    @DisplayName("Observable: many values, then completion")
    void observableIsMany() {
        TestObserver<String> words = build("words(...)", () -> Ex06_RxShapesAndZip.words("threads versus async")).test();
        assertThat(words.values())
            .as("Ex06: one value per word, in order")
            .containsExactly("threads", "versus", "async");
        words.assertComplete();
    }

    @Tag("contract:concurrency")
    @Test
    @DisplayName("zip runs both lookups at once: two 100 ms lookups give a profile after 100 ms, not 200")
    void zipSubscribesToBothAtOnce() {
        TestScheduler time = new TestScheduler();
        Single<String> name = Single.timer(100, TimeUnit.MILLISECONDS, time).map(t -> "Ada");
        Single<Integer> age = Single.timer(100, TimeUnit.MILLISECONDS, time).map(t -> 36);
        List<Throwable> errors = new CopyOnWriteArrayList<>();

        TestObserver<String> profile = build("profile(...)", () -> Ex06_RxShapesAndZip.profile(name, age)).doOnError(errors::add).test();
        time.advanceTimeBy(100, TimeUnit.MILLISECONDS);

        assertThat(errors)
            .as("Ex06: profile failed%s. Hint: combine the two Singles without waiting for either one",
                errors.isEmpty() ? "" : " with " + errors.get(0) + blockingNote(errors.get(0)))
            .isEmpty();
        assertThat(profile.values())
            .as("Ex06: after 100 ms both lookups are done, so the profile should be there; one after the other needs 200 ms. "
                + "Hint: subscribe to both before either has answered (zip), not to the age inside the name's callback (flatMap)")
            .containsExactly("Ada (36)");
        profile.assertComplete();
    }
}
