// Wrong: the price list is read through its file: URL (Path.toUri().toURL().openStream()): no Files, no FileInputStream in sight, the same synchronous disk read on the event loop
// Caught by: handlerObeysEveryLaw
package course.pitfalls.eventloop;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.function.Supplier;

public final class Ex12_EventLoopLaws {

    private Ex12_EventLoopLaws() {}

    public static Future<String> quote(Vertx vertx, Path priceList, String sku, Supplier<Future<Integer>> stock) {
        int price;
        try (InputStream in = priceList.toUri().toURL().openStream()) {
            price = priceOf(new String(in.readAllBytes(), StandardCharsets.UTF_8), sku);
        } catch (IOException | RuntimeException e) {
            return Future.failedFuture(e);
        }
        return stock.get().map(inStock -> sku + ": " + price + " EUR, " + inStock + " in stock");
    }

    static int priceOf(String priceList, String sku) {
        return priceList.lines()
            .filter(line -> line.startsWith(sku + "="))
            .mapToInt(line -> Integer.parseInt(line.substring(sku.length() + 1).trim()))
            .findFirst()
            .orElseThrow(() -> new IllegalArgumentException("no price for " + sku));
    }
}
