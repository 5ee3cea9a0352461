// Wrong: runs priceBlocking's steps on a virtual-thread executor and waits for them: cheap, but the failure has that thread's stack and comes wrapped
// Caught by: onAVirtualThreadTheTraceIsTheRequest
package course.pitfalls;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.util.Map;
import java.util.NoSuchElementException;

/**
 * Ex13 · A stack trace shows a thread, not a request.
 *
 * <p>A failure deep in a future chain has the stack of the turn of the event loop that ran it:
 * the lambda that threw, then Vert.x's and Netty's frames down to the loop's run(). The method
 * that started the request, and the request itself, are not in it: by then they are long gone
 * from that thread. "For input string: x" at 3 a.m., out of thousands of requests, names nothing.
 * Async code has to write the request into its errors. The same steps in direct style on a
 * virtual thread fail with the request's whole stack, from the handler down, because the request
 * is the thread.
 */
public final class Ex13_RequestInTheTrace {

    /** Unit prices, as a database would give them. */
    static final Map<String, Integer> PRICES = Map.of("apple", 3, "pear", 5, "plum", 2);

    record Order(String product, int quantity) {}

    private Ex13_RequestInTheTrace() {}

    /**
     * Prices {@code body} ("product:quantity") for request {@code requestId}: parse it, look the
     * price up on a later turn of the event loop (as a database answer would come), multiply. A
     * failure, wherever it happens, fails the future with an exception whose message names the
     * request and whose cause is the original failure.
     */
    public static Future<Integer> price(Vertx vertx, String requestId, String body) {
        return later(vertx, body)
                .map(Ex13_RequestInTheTrace::parse)
                .compose(order -> later(vertx, order))
                .map(Ex13_RequestInTheTrace::total)
                // One recover at the end of the chain covers every step before it; the request is in scope here.
                .recover(failure -> Future.failedFuture(new IllegalStateException(
                        "request " + requestId + " (body \"" + body + "\") failed: " + failure, failure)));
    }

    /**
     * The same steps in direct style, on the calling thread (a virtual thread per request): the
     * stack trace of a failure runs from the failing step down through this method to the
     * request's handler.
     */
    public static int priceBlocking(String requestId, String body) {
        try (var executor = java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor()) {
            return executor.submit(() -> total(parse(body))).get();
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException("request " + requestId + " failed", e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static Order parse(String body) {
        String[] parts = body.split(":", 2);
        if (parts.length != 2) throw new IllegalArgumentException("not product:quantity: " + body);
        return new Order(parts[0], Integer.parseInt(parts[1]));
    }

    static int total(Order order) {
        Integer unit = PRICES.get(order.product());
        if (unit == null) throw new NoSuchElementException("no price for " + order.product());
        return unit * order.quantity();
    }

    /** {@code value} on a later turn of the event loop, as an I/O answer comes. */
    static <T> Future<T> later(Vertx vertx, T value) {
        Promise<T> promise = Promise.promise();
        vertx.setTimer(1, id -> promise.complete(value));
        return promise.future();
    }
}
