package course.pitfalls.eventloop;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import course.pitfalls.support.EventLoopLaws;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("Ex12 · The laws of the event loop, enforced")
@ExtendWith(VertxExtension.class)
class Ex12_EventLoopLawsTest {

    @Test
    @DisplayName("a quote combines the price file and the stock service, on the event loop")
    void quotesOnTheEventLoop(Vertx vertx, @TempDir Path dir) throws Exception {
        Path priceList = Files.writeString(dir.resolve("prices.txt"), "sku-1=42\nsku-2=7\n");
        Context loop = vertx.getOrCreateContext();
        // The stock service answers on the event loop, a moment later, like any Vert.x client.
        Supplier<Future<Integer>> stock = () -> {
            Promise<Integer> answer = Promise.promise();
            loop.runOnContext(v -> answer.complete(7));
            return answer.future();
        };
        CompletableFuture<String> quote = new CompletableFuture<>();

        loop.runOnContext(v -> Ex12_EventLoopLaws.quote(vertx, priceList, "sku-1", stock)
            .onComplete(quote::complete, quote::completeExceptionally));

        try {
            String quoted = quote.get(3, SECONDS);
            assertThat(quoted)
                .as(quoted.contains("null")
                    ? "Ex12: the quote says \"" + quoted + "\": the stock answer was read (result()) before the service "
                        + "had given it. Hint: compose the stock future, stock.get().map(inStock -> ...), instead of reading it"
                    : "Ex12: price 42 from the file, 7 in stock from the service")
                .isEqualTo("sku-1: 42 EUR, 7 in stock");
        } catch (TimeoutException pending) {
            fail("Ex12: the quote never completed (3 s): the handler waits on the event loop for something only that "
                + "loop can deliver, or never completes its future. Hint: one chain of futures, readFile(...) then "
                + "compose the stock answer");
        } catch (ExecutionException failed) {
            fail(failed.getCause() instanceof java.util.concurrent.TimeoutException
                ? "Ex12: the quote failed (" + failed.getCause() + "): the handler waited on the event loop (blockingGet) for "
                    + "a stock answer that the same loop had to deliver. Hint: stock.get().map(inStock -> ...), composed "
                    + "after vertx.fileSystem().readFile(...)"
                : "Ex12: the quote failed (" + failed.getCause() + ") where it should say \"sku-1: 42 EUR, 7 in stock\"");
        }
    }

    @Test
    @Timeout(value = 60, unit = SECONDS) // the first ArchUnit import loads a large library: tens of seconds on a very busy machine
    @DisplayName("law: this handler obeys every event-loop law")
    void handlerObeysEveryLaw() {
        EventLoopLaws.assertObeysAll("Ex12", Ex12_EventLoopLaws.class,
            "Hint: read files with vertx.fileSystem().readFile(...), and compose futures instead of waiting for them.");
    }

    @Test
    @Timeout(value = 60, unit = SECONDS) // the first ArchUnit import loads a large library: tens of seconds on a very busy machine
    @DisplayName("law: the whole event-loop package obeys every law")
    void wholePackageObeysEveryLaw() {
        EventLoopLaws.assertPackageObeysAll("Ex12", "course.pitfalls.eventloop",
            "Hint: each violation names its class and line; the exercise with that number shows the repair.");
    }
}
