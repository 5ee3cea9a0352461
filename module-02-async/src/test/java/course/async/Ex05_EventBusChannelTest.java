package course.async;

import static org.assertj.core.api.Assertions.assertThat;

import course.async.Ex05_EventBusChannel.NewsReader;
import course.async.Ex05_EventBusChannel.UpperCaseService;
import course.async.support.Await;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.eventbus.ReplyFailure;
import io.vertx.junit5.Checkpoint;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@DisplayName("Ex05 · The event bus as a channel between verticles")
@ExtendWith(VertxExtension.class)
class Ex05_EventBusChannelTest {

    @Test
    @DisplayName("request/reply: the service answers, and after undeploy nobody is left listening")
    void requestReplyAndCleanShutdown(Vertx vertx) {
        String deploymentId = Await.result(vertx.deployVerticle(new UpperCaseService()),
            "Ex05: UpperCaseService should deploy. Hint: start() returns the consumer's completion()");

        assertThat(Await.result(Ex05_EventBusChannel.askUpperCase(vertx, "hello"),
                "Ex05: the request should get a reply. Hint: eventBus().request(UPPER_CASE, text).map(Message::body) and message.reply(...) in the consumer"))
            .as("Ex05: the service replies with the upper-cased text").isEqualTo("HELLO");

        Await.result(vertx.undeploy(deploymentId), "undeploy failed");
        Throwable afterShutdown = Await.failure(Ex05_EventBusChannel.askUpperCase(vertx, "anyone?"),
            "Ex05: after undeploy, the service's consumer must be gone. Hint: register it inside start(), on the verticle's own vertx");
        assertThat(afterShutdown)
            .as("Ex05: a request with no consumer fails at once with NO_HANDLERS (not a timeout). Hint: the consumer belongs to the verticle that registered it")
            .isInstanceOfSatisfying(ReplyException.class, e -> assertThat(e.failureType()).isEqualTo(ReplyFailure.NO_HANDLERS));
    }

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
            .as("Ex05: consumers of a standard verticle run on its event loop")
            .containsOnly(true);
    }
}
