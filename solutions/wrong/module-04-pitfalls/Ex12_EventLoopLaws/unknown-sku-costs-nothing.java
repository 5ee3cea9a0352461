// Wrong: error path: a sku the price list does not name is quoted at 0 EUR instead of failing the quote
// Caught by: everyFailureFailsTheQuote
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
            .compose(price -> stock.get().map(inStock -> sku + ": " + price + " EUR, " + inStock + " in stock"));
    }

    static int priceOf(String priceList, String sku) {
        return priceList.lines()
            .filter(line -> line.startsWith(sku + "="))
            .mapToInt(line -> Integer.parseInt(line.substring(sku.length() + 1).trim()))
            .findFirst()
            .orElse(0); // "no price yet: free"
    }
}
