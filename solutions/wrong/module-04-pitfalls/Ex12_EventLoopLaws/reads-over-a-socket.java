// Wrong: the stock is fetched over a plain java.net.Socket on the event loop (connect, write, read): a blocking network call no sleep or file law names
// Caught by: handlerObeysEveryLaw
package course.pitfalls.eventloop;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.net.Socket;
import java.nio.file.Path;
import java.util.function.Supplier;

public final class Ex12_EventLoopLaws {

    private Ex12_EventLoopLaws() {}

    public static Future<String> quote(Vertx vertx, Path priceList, String sku, Supplier<Future<Integer>> stock) {
        return vertx.fileSystem().readFile(priceList.toString())
            .map(prices -> priceOf(prices.toString(), sku))
            .compose(price -> {
                if (Boolean.getBoolean("ex12.stock.socket")) { // "the direct line to the warehouse, when configured"
                    try (Socket warehouse = new Socket("127.0.0.1", Integer.getInteger("ex12.stock.port", 7070))) {
                        warehouse.getOutputStream().write((sku + "\n").getBytes());
                        return Future.succeededFuture(sku + ": " + price + " EUR, " + warehouse.getInputStream().read() + " in stock");
                    } catch (IOException e) {
                        return Future.failedFuture(e);
                    }
                }
                return stock.get().map(inStock -> sku + ": " + price + " EUR, " + inStock + " in stock");
            });
    }

    static int priceOf(String priceList, String sku) {
        return priceList.lines()
            .filter(line -> line.startsWith(sku + "="))
            .mapToInt(line -> Integer.parseInt(line.substring(sku.length() + 1).trim()))
            .findFirst()
            .orElseThrow(() -> new IllegalArgumentException("no price for " + sku));
    }
}
