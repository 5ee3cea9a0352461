package course.async;

import static org.assertj.core.api.Assertions.assertThat;

import course.async.Ex05_EventBusChannel.NewsReader;
import course.async.Ex05_EventBusChannel.UpperCaseService;
import course.async.support.Await;
import course.async.support.EventLoopWatch;
import course.async.support.LoopCall;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.eventbus.ReplyFailure;
import io.vertx.junit5.Checkpoint;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.IntStream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@DisplayName("Ex05 · The event bus as a channel between verticles")
@ExtendWith(VertxExtension.class)
class Ex05_EventBusChannelTest {

    @Tag("contract:errors")
    @Tag("contract:values")
    @Tag("contract:lifecycle")
    @Test
    @DisplayName("request/reply: the service answers, and after undeploy nobody is left listening")
    void requestReplyAndCleanShutdown(Vertx vertx) {
        String deploymentId = Await.result(vertx.deployVerticle(new UpperCaseService()),
            "Ex05: UpperCaseService should deploy. Hint: start() returns the consumer's completion()");

        Context caller = vertx.getOrCreateContext();
        assertThat(Await.result(Await.onEventLoop(caller, () -> Ex05_EventBusChannel.askUpperCase(vertx, "hello")),
                "Ex05: the request should get a reply. Hint: the consumer answers the message it received (reply); the caller maps the reply to its body"))
            .as("Ex05: the service replies with the upper-cased text").isEqualTo("HELLO");

        Await.result(vertx.undeploy(deploymentId), "undeploy failed");
        Throwable afterShutdown = Await.failure(Await.onEventLoop(caller, () -> Ex05_EventBusChannel.askUpperCase(vertx, "anyone?")),
            "Ex05: after undeploy nobody listens on " + Ex05_EventBusChannel.UPPER_CASE + ", so askUpperCase must fail. If it "
                + "succeeded, either the consumer outlived its verticle (register it in start(), on the verticle's own vertx) "
                + "or askUpperCase hides the failure from its caller (a fallback value): the caller must see it");
        assertThat(afterShutdown)
            .as("Ex05: a request with no consumer fails at once with NO_HANDLERS (not a timeout). Hint: the consumer belongs to the verticle that registered it")
            .isInstanceOfSatisfying(ReplyException.class, e -> assertThat(e.failureType()).isEqualTo(ReplyFailure.NO_HANDLERS));
    }

    @Tag("contract:event-loop")
    @Test
    @DisplayName("nobody waits on an event loop: askUpperCase returns a pending future, and the service never blocks its loop")
    void nobodyWaitsOnAnEventLoop(Vertx vertx) {
        Await.result(vertx.deployVerticle(new UpperCaseService()), "Ex05: UpperCaseService should deploy");
        Context caller = vertx.getOrCreateContext();

        try (EventLoopWatch watch = EventLoopWatch.start(Ex05_EventBusChannel.class)) {
            LoopCall<String> asked = LoopCall.on("Ex05: askUpperCase", caller, () -> Ex05_EventBusChannel.askUpperCase(vertx, "from a verticle"));
            assertThat(asked.returnedPending())
                .as("Ex05: askUpperCase, called from a verticle's event loop, must return at once with a pending future, but %s. "
                    + "Hint: the reply arrives later on this same loop; map the reply future instead of waiting for it", asked.mistake())
                .isTrue();
            assertThat(Await.result(asked.future(), "Ex05: the request from an event loop should get a reply")).isEqualTo("FROM A VERTICLE");

            List<Future<String>> replies = IntStream.range(0, 50)
                .mapToObj(i -> Ex05_EventBusChannel.askUpperCase(vertx, "message " + i))
                .toList();
            Await.result(Future.all(replies), "Ex05: 50 requests should all get a reply");
            String waited = watch.stop();
            assertThat(waited)
                .as("Ex05: the service's event loop was caught waiting inside the exercise: %s. A consumer runs on its verticle's "
                    + "event loop, between every other handler of that loop: it must never sleep or wait. Hint: reply at once; "
                    + "slow work belongs on a worker (module 03)", waited)
                .isNull();
        }
    }

    @Tag("contract:values")
    @Tag("contract:placement")
    @Test
    @DisplayName("publish: every reader gets its own copy, on its own event loop")
    void publishReachesEveryReader(Vertx vertx, VertxTestContext testContext) throws Exception {
        Checkpoint delivered = testContext.checkpoint(2);
        List<String> received = new CopyOnWriteArrayList<>();
        List<Boolean> onEventLoop = new CopyOnWriteArrayList<>();
        for (String reader : List.of("first", "second")) {
            Await.result(vertx.deployVerticle(new NewsReader(news -> {
                    received.add(reader + " got " + news);
                    onEventLoop.add(Context.isOnEventLoopThread());
                    delivered.flag();
                })),
                "Ex05: NewsReader should deploy. Hint: start() returns the consumer's completion()");
        }

        Ex05_EventBusChannel.announce(vertx, "release 1.0");

        Await.completion(testContext,
            "Ex05: both readers should get the news, but at least one did not. Hint: publish delivers to every consumer; send/request pick one");
        assertThat(received)
            .as("Ex05: each reader should get the news exactly once")
            .containsExactlyInAnyOrder("first got release 1.0", "second got release 1.0");
        assertThat(onEventLoop)
            .as("Ex05: consumers of a standard verticle run on its event loop, but a reader's sink ran elsewhere. "
                + "Hint: hand the body to the sink right inside the consumer; no other thread is needed")
            .containsOnly(true);
    }
}
