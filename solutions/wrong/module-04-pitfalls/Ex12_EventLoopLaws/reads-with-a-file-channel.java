// Wrong: the file is read through a FileChannel opened on the event loop: NIO, but still a synchronous read
// Caught by: handlerObeysEveryLaw
package course.pitfalls.eventloop;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.function.Supplier;

public final class Ex12_EventLoopLaws {

    private Ex12_EventLoopLaws() {}

    public static Future<String> quote(Vertx vertx, Path priceList, String sku, Supplier<Future<Integer>> stock) {
        int price;
        try (FileChannel channel = FileChannel.open(priceList)) {
            ByteBuffer bytes = ByteBuffer.allocate((int) channel.size());
            while (bytes.hasRemaining() && channel.read(bytes) >= 0) {
                // keep reading
            }
            price = priceOf(new String(bytes.array(), 0, bytes.position(), StandardCharsets.UTF_8), sku);
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
