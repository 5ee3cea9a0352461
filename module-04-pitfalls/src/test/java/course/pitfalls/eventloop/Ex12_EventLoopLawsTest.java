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
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("Ex12 · The laws of the event loop, enforced")
@ExtendWith(VertxExtension.class)
class Ex12_EventLoopLawsTest {

    @Test
    @Tag("contract:values")
    @Tag("contract:event-loop")
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
    @Tag("contract:errors")
    @Tag("contract:event-loop")
    @DisplayName("a sku the price list does not name, a stock service that fails, a missing price list: each fails the quote")
    void everyFailureFailsTheQuote(Vertx vertx, @TempDir Path dir) throws Exception {
        Path priceList = Files.writeString(dir.resolve("prices.txt"), "sku-1=42\nsku-2=7\n");
        Context loop = vertx.getOrCreateContext();
        IllegalStateException stockDown = new IllegalStateException("stock service down");
        // The stock service answers on the event loop, a moment later: in stock 7, or down.
        java.util.function.Function<Boolean, Supplier<Future<Integer>>> stock = down -> () -> {
            Promise<Integer> answer = Promise.promise();
            loop.runOnContext(v -> {
                if (down) {
                    answer.fail(stockDown);
                } else {
                    answer.complete(7);
                }
            });
            return answer.future();
        };

        Object unknownSku = outcome(loop, () -> Ex12_EventLoopLaws.quote(vertx, priceList, "sku-9", stock.apply(false)));
        assertThat(unknownSku)
            .as("Ex12: the price list has no line for sku-9, so its quote should fail (IllegalArgumentException: no price "
                + "for sku-9), not give %s: a made-up price is worse than no quote. Hint: keep priceOf's orElseThrow, "
                + "inside the chain (map) so it fails the future", unknownSku)
            .isInstanceOf(IllegalArgumentException.class);
        Object failedStock = outcome(loop, () -> Ex12_EventLoopLaws.quote(vertx, priceList, "sku-1", stock.apply(true)));
        assertThat(failedStock)
            .as("Ex12: the stock service failed, a moment later, on the event loop, so the quote should fail with its "
                + "failure, not %s. Hint: compose the stock future: a failure passes through the chain", failedStock)
            .isSameAs(stockDown);
        Object noFile = outcome(loop, () -> Ex12_EventLoopLaws.quote(vertx, dir.resolve("missing.txt"), "sku-1", stock.apply(false)));
        assertThat(noFile)
            .as("Ex12: the price list does not exist, so the quote should fail, not give %s", noFile)
            .isInstanceOf(Throwable.class);
    }

    /** Runs the quote on the loop, as a handler would: its value, its failure, or the exception it threw. */
    private static Object outcome(Context loop, Supplier<Future<String>> quote) throws Exception {
        CompletableFuture<Object> outcome = new CompletableFuture<>();
        loop.runOnContext(v -> {
            try {
                quote.get().onComplete(outcome::complete, outcome::complete);
            } catch (RuntimeException thrown) {
                outcome.complete(thrown);
            }
        });
        try {
            return outcome.get(3, SECONDS);
        } catch (TimeoutException pending) {
            fail("Ex12: the quote never completed (3 s): a failure on the way left its future pending, or the handler "
                + "waits on the event loop. Hint: one chain of futures, readFile(...) then compose the stock answer");
            return null;
        }
    }

    @Test
    @Tag("contract:event-loop")
    @Timeout(value = 60, unit = SECONDS) // the first ArchUnit import loads a large library: tens of seconds on a very busy machine
    @DisplayName("law: this handler obeys every event-loop law")
    void handlerObeysEveryLaw() {
        EventLoopLaws.assertObeysAll("Ex12", Ex12_EventLoopLaws.class,
            "Hint: read files with vertx.fileSystem().readFile(...), and compose futures instead of waiting for them.");
    }

    @Test
    @Tag("contract:event-loop")
    @Timeout(value = 60, unit = SECONDS) // the first ArchUnit import loads a large library: tens of seconds on a very busy machine
    @DisplayName("law: the whole event-loop package obeys every law")
    void wholePackageObeysEveryLaw() {
        EventLoopLaws.assertPackageObeysAll("Ex12", "course.pitfalls.eventloop",
            "Hint: each violation names its class and line; the exercise with that number shows the repair.");
    }
}
