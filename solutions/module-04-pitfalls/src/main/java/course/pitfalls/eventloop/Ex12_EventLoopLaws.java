package course.pitfalls.eventloop;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.util.function.Supplier;

/**
 * Ex12 · The laws of the event loop, enforced.
 *
 * <p>javac cannot tell event-loop code from any other code, so nothing stops a blocking call from
 * slipping into a handler. This module states the laws as ArchUnit rules over every class in
 * {@code ..eventloop..}: never sleep, never wait for a result, never take a thread's lock, never
 * block on RxJava, never touch the disk synchronously, and say whether blocking work is ordered.
 * This handler breaks two of them in ways that look innocent; the rules find both, and then the
 * whole package must obey every law.
 *
 * <p>Repaired: the price list is read with the async file system and the stock answer is composed,
 * not awaited: one chain of futures, and the loop never waits.
 */
public final class Ex12_EventLoopLaws {

    private Ex12_EventLoopLaws() {}

    /**
     * Quotes {@code sku}: its price from the price list file (lines {@code sku=price}) and its stock
     * from the (async) stock service, as {@code "sku: PRICE EUR, N in stock"}. Called on an event loop.
     */
    public static Future<String> quote(Vertx vertx, Path priceList, String sku, Supplier<Future<Integer>> stock) {
        return vertx.fileSystem().readFile(priceList.toString())
            .map(prices -> priceOf(prices.toString(), sku))
            .compose(price -> stock.get().map(inStock -> sku + ": " + price + " EUR, " + inStock + " in stock"));
    }

    static int priceOf(String priceList, String sku) {
        return priceList.lines()
            .filter(line -> line.startsWith(sku + "="))
            .mapToInt(line -> Integer.parseInt(line.substring(sku.length() + 1).trim()))
            .findFirst()
            .orElseThrow(() -> new IllegalArgumentException("no price for " + sku));
    }
}
