// Wrong: announce uses send: one reader gets the news, the others never hear of it
// Caught by: publishReachesEveryReader
package course.async;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.Message;
import java.util.function.Consumer;

/**
 * Ex05 · The event bus as a channel between verticles.
 *
 * <p>Verticles share no state: they talk through the event bus, the async cousin of a
 * BlockingQueue. {@code request} sends to ONE consumer and gets a future of its reply;
 * {@code publish} delivers a copy to EVERY consumer, with no reply. A consumer registered in a
 * verticle's {@code start} belongs to that verticle: undeploying it unregisters the consumer, so
 * shutting a service down is one {@code undeploy} call, with nothing left listening.
 */
public final class Ex05_EventBusChannel {

    public static final String UPPER_CASE = "ex05.upper-case";
    public static final String NEWS = "ex05.news";

    private Ex05_EventBusChannel() {
    }

    /** A service: answers every request on {@link #UPPER_CASE} with the body in upper case. */
    public static final class UpperCaseService extends VerticleBase {
        @Override
        public Future<?> start() {
            // The deployment is done once the consumer is registered: completion() says when.
            return vertx.eventBus()
                .<String>consumer(UPPER_CASE, message -> message.reply(message.body().toUpperCase()))
                .completion();
        }
    }

    /** A subscriber: hands every message published on {@link #NEWS} to {@code sink}. */
    public static final class NewsReader extends VerticleBase {
        private final Consumer<String> sink;

        public NewsReader(Consumer<String> sink) {
            this.sink = sink;
        }

        @Override
        public Future<?> start() {
            return vertx.eventBus()
                .<String>consumer(NEWS, message -> sink.accept(message.body()))
                .completion();
        }
    }

    /** Asks the UpperCaseService to convert {@code text}; completes with its reply. */
    public static Future<String> askUpperCase(Vertx vertx, String text) {
        return vertx.eventBus().<String>request(UPPER_CASE, text).map(Message::body);
    }

    /** Delivers {@code news} to every NewsReader. */
    public static void announce(Vertx vertx, String news) {
        vertx.eventBus().send(NEWS, news);
    }
}
