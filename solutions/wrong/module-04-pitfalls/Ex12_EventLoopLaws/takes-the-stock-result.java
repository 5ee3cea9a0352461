// Wrong: reads the file asynchronously, then takes the stock answer with result() instead of composing it: null while the service has not answered yet
// Caught by: quotesOnTheEventLoop
package course.pitfalls.eventloop;

import io.vertx.core.Future;
import io.vertx.core.Vertx;

import java.nio.file.Path;
import java.util.function.Supplier;

public final class Ex12_EventLoopLaws {

    private Ex12_EventLoopLaws() {}

    public static Future<String> quote(Vertx vertx, Path priceList, String sku, Supplier<Future<Integer>> stock) {
        return vertx.fileSystem().readFile(priceList.toString())
            .map(prices -> priceOf(prices.toString(), sku))
            .map(price -> sku + ": " + price + " EUR, " + stock.get().result() + " in stock");
    }

    static int priceOf(String priceList, String sku) {
        return priceList.lines()
            .filter(line -> line.startsWith(sku + "="))
            .mapToInt(line -> Integer.parseInt(line.substring(sku.length() + 1).trim()))
            .findFirst()
            .orElseThrow(() -> new IllegalArgumentException("no price for " + sku));
    }
}
