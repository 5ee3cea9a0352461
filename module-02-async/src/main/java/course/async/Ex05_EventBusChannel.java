package course.async;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.Vertx;
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
            // TODO: answer every request sent to UPPER_CASE with its body in upper case. The consumer must
            //  belong to this verticle (undeploying it leaves nobody listening), the deployment ends once
            //  it is registered, and it runs on this verticle's event loop: it never waits.
            throw new UnsupportedOperationException("Ex05 not implemented yet: answer upper-case requests");
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
            // TODO: hand every message published on NEWS to sink, on this verticle's event loop.
            throw new UnsupportedOperationException("Ex05 not implemented yet: pass the news to the sink");
        }
    }

    /** Asks the UpperCaseService to convert {@code text}; completes with its reply. */
    public static Future<String> askUpperCase(Vertx vertx, String text) {
        // TODO: ask the service and complete with its reply. The caller may be on an event loop: do not
        //  wait for the reply, and let a failure (no service listening) reach the caller.
        throw new UnsupportedOperationException("Ex05 not implemented yet: ask the service and return its reply");
    }

    /** Delivers {@code news} to every NewsReader. */
    public static void announce(Vertx vertx, String news) {
        // TODO: every NewsReader gets its own copy; nobody replies.
        throw new UnsupportedOperationException("Ex05 not implemented yet: deliver the news to every reader");
    }
}
