package course.pitfalls.support.eventloop;

import io.reactivex.rxjava3.core.Single;
import io.vertx.core.Vertx;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Known-bad event-loop code, one class per law. It lives in a package named {@code ..eventloop..}
 * so the laws apply to it; it is never run, only imported by ArchUnit to prove that each law still
 * catches what it was written to catch.
 */
public final class KnownBad {

    private KnownBad() {}

    public static final class Sleeps {
        void handle() throws InterruptedException {
            Thread.sleep(100);
        }
    }

    public static final class WaitsForAResult {
        String handle(CompletableFuture<String> reply, CountDownLatch ready) throws InterruptedException {
            ready.await();
            return reply.join();
        }
    }

    public static final class TakesAThreadLock {
        private final ReentrantLock lock = new ReentrantLock();

        void handle() {
            lock.lock();
            lock.unlock();
        }
    }

    public static final class BlocksOnRx {
        String handle(Single<String> reply) {
            return reply.blockingGet();
        }
    }

    public static final class TouchesTheDiskSynchronously {
        String handle(Path file) throws java.io.IOException {
            return Files.readString(file);
        }
    }

    public static final class LeavesBlockingWorkOrdered {
        void handle(Vertx vertx) {
            vertx.executeBlocking(() -> "serialised with every other call from this context");
        }
    }
}
