package course.pitfalls.support.eventloop;

import io.reactivex.rxjava3.core.Single;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.StringReader;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.nio.file.Path;
import java.util.Scanner;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Known-good event-loop code: the non-blocking way to do what {@link KnownBad} does. Every law must
 * let it pass, so a law that has grown to forbid too much is caught as surely as one that forbids
 * too little.
 */
@SuppressWarnings("unused")
public final class KnownGood {

    private KnownGood() {}

    Future<String> handle(Vertx vertx, Path file, Single<String> rx, CompletableFuture<String> cf) throws IOException {
        var waited = vertx.timer(100, TimeUnit.MILLISECONDS);
        Future<String> read = vertx.fileSystem().readFile(file.toString()).map(Object::toString);
        Future<String> hashed = vertx.executeBlocking(() -> "unordered", false);
        Future<String> locked = vertx.sharedData().withLocalLock("account", () -> Future.succeededFuture("done"));
        Future<String> bridged = Future.fromCompletionStage(cf, vertx.getOrCreateContext());
        rx.subscribe(value -> { }, failure -> { });
        String name = new File(file.toString()).getName() + new Scanner("a=1").nextLine();
        new PrintWriter(new StringWriter()).println(name);
        // Paths, URIs and in-memory streams are not I/O, though some of their methods declare an IOException.
        URI where = file.resolve("prices.txt").toUri();
        int first = new StringReader(where.toString()).read() + new ByteArrayInputStream(new byte[] {1}).read();
        new ByteArrayOutputStream().write(new byte[] {(byte) first});
        return waited.compose(fired -> Future.all(read, hashed, locked, bridged)).map(all -> name);
    }
}
