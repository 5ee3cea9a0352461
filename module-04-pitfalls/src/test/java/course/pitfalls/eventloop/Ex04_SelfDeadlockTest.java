package course.pitfalls.eventloop;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import course.pitfalls.support.EventLoopLaws;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

@DisplayName("Ex04 · Waiting for a future on the thread that must complete it")
@ExtendWith(VertxExtension.class)
class Ex04_SelfDeadlockTest {

    @Test
    @Tag("contract:values")
    @Tag("contract:event-loop")
    @DisplayName("greeting a user on the event loop answers instead of deadlocking")
    void noSelfDeadlock(Vertx vertx) throws Exception {
        Context loop = vertx.getOrCreateContext();
        // Not bound to any context: whoever completes it runs its callbacks. That lets the test
        // rescue a deadlocked loop from outside.
        Promise<String> name = Promise.promise();
        // The profile service answers on the event loop, like any Vert.x client would.
        Function<String, Future<String>> loadName = user -> {
            loop.runOnContext(v -> name.tryComplete("Ada"));
            return name.future();
        };
        CompletableFuture<String> greeting = new CompletableFuture<>();

        loop.runOnContext(v -> Ex04_SelfDeadlock.greet(loadName, "ada")
            .onComplete(greeting::complete, greeting::completeExceptionally));

        try {
            assertThat(greeting.get(2, SECONDS))
                .as("Ex04: the greeting should use the loaded name. Hint: loadName.apply(user).map(name -> \"Hello, \" + name)")
                .isEqualTo("Hello, Ada");
        } catch (TimeoutException deadlock) {
            name.tryComplete("rescued"); // free the stuck event loop so Vert.x can close
            fail("Ex04: deadlock: the future was never completed within 2 s: you waited for it on the event loop "
                + "that must complete it. Hint: do not join()/get()/blockingGet() on the loop; "
                + "continue with loadName.apply(user).map(...) and return that future");
        } catch (ExecutionException failed) {
            fail("Ex04: greet failed (" + failed.getCause() + "): it waited, on the event loop, for a name that only this "
                + "event loop could deliver, and gave up (a timeout) or was refused (Vert.x 5 refuses Future.await() on an "
                + "event-loop thread). Hint: do not wait at all; return loadName.apply(user).map(...)");
        }
    }

    @Test
    @Tag("contract:state")
    @Tag("contract:event-loop")
    @DisplayName("each greeting uses the name loaded for it: another user's, or the same user's new name")
    void eachGreetingLoadsItsOwnName(Vertx vertx) throws Exception {
        Context loop = vertx.getOrCreateContext();
        String user = "user-" + java.util.UUID.randomUUID(); // no earlier test, in this JVM, greeted this user
        List<String> greetings = new ArrayList<>();
        for (String name : List.of("Grace", "Grace Hopper")) { // the user changes their display name in between
            CompletableFuture<String> greeting = new CompletableFuture<>();
            Promise<String> loaded = Promise.promise(); // bound to no context, so the test can rescue a stuck loop
            Function<String, Future<String>> loadName = who -> {
                loop.runOnContext(v -> loaded.tryComplete(name));
                return loaded.future();
            };
            loop.runOnContext(v -> Ex04_SelfDeadlock.greet(loadName, user)
                .onComplete(greeting::complete, greeting::completeExceptionally));
            try {
                greetings.add(greeting.get(2, SECONDS));
            } catch (TimeoutException | ExecutionException deadlock) {
                loaded.tryComplete("rescued"); // free the stuck event loop so Vert.x can close
                fail("Ex04: greeting a user on the event loop did not answer (" + deadlock + "): it waited, on the loop, "
                    + "for a name that only this loop could deliver. Hint: return loadName.apply(user).map(...)");
            }
        }
        assertThat(greetings)
            .as("Ex04: the same user was greeted twice, and the profile service answered \"Grace\", then (after a change) "
                + "\"Grace Hopper\", but the greetings were %s: the first answer was kept (a static map or field) and "
                + "outlives the call. Hint: greet(...) keeps nothing; each call loads the name and maps it", greetings)
            .containsExactly("Hello, Grace", "Hello, Grace Hopper");
    }

    @Test
    @Tag("contract:errors")
    @Tag("contract:event-loop")
    @DisplayName("when the name cannot be loaded, the greeting fails with that failure")
    void aFailedLoadFailsTheGreeting(Vertx vertx) throws Exception {
        Context loop = vertx.getOrCreateContext();
        IllegalStateException profileDown = new IllegalStateException("profile service down");
        Promise<String> name = Promise.promise();
        // The profile service fails, on the event loop, a moment later.
        Function<String, Future<String>> loadName = user -> {
            loop.runOnContext(v -> name.tryFail(profileDown));
            return name.future();
        };
        CompletableFuture<Throwable> outcome = new CompletableFuture<>();

        loop.runOnContext(v -> Ex04_SelfDeadlock.greet(loadName, "ada")
            .onComplete(greeting -> outcome.complete(null), outcome::complete));

        Throwable failure;
        try {
            failure = outcome.get(2, SECONDS);
        } catch (TimeoutException pending) {
            name.tryComplete("rescued"); // free a loop stuck waiting, so Vert.x can close
            fail("Ex04: the name could not be loaded, and the greeting never completed (2 s): either the loop waited for "
                + "it, or only the success path completes the greeting. Hint: return loadName.apply(user).map(...): a "
                + "failure passes through map untouched");
            return;
        }
        assertThat(failure)
            .as("Ex04: the profile service failed, so the greeting should fail with its failure, not %s",
                failure == null ? "succeed" : failure)
            .isSameAs(profileDown);
    }

    @Test
    @Tag("contract:event-loop")
    @Timeout(value = 60, unit = SECONDS) // the first ArchUnit import loads a large library: tens of seconds on a very busy machine
    @DisplayName("law: event-loop code never waits for a result")
    void obeysTheNoWaitingLaw() {
        EventLoopLaws.assertObeyed("Ex04", EventLoopLaws.NEVER_WAITS_FOR_A_RESULT, Ex04_SelfDeadlock.class,
            "Hint: compose futures (map, compose, Future.all) instead of join/get/await on the event loop.");
    }
}
