package course.pitfalls.support.eventloop;

import io.reactivex.rxjava3.core.Completable;
import io.reactivex.rxjava3.core.Flowable;
import io.reactivex.rxjava3.core.Maybe;
import io.reactivex.rxjava3.core.Observable;
import io.reactivex.rxjava3.core.Single;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import java.io.File;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.FileReader;
import java.io.FileWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.RandomAccessFile;
import java.net.InetAddress;
import java.net.Socket;
import java.net.URI;
import java.net.URLConnection;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Scanner;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Known-bad event-loop code: one class per kind of call a law forbids, so that each law is proven
 * to catch every kind it names, not just one. They live in a package named {@code ..eventloop..}
 * so the laws apply to them; they are never run, only imported by ArchUnit.
 */
@SuppressWarnings({"unused", "ResultOfMethodCallIgnored"})
public final class KnownBad {

    private KnownBad() {}

    // never sleeps

    public static final class ThreadSleep {
        void handle() throws InterruptedException {
            Thread.sleep(100);
        }
    }

    public static final class TimeUnitSleep {
        void handle() throws InterruptedException {
            TimeUnit.MILLISECONDS.sleep(100);
        }
    }

    public static final class LockSupportPark {
        void handle() {
            LockSupport.parkNanos(100_000_000L);
        }
    }

    // never waits for a result

    public static final class FutureGet {
        String handle(Future<String> reply) throws Exception {
            return reply.get();
        }
    }

    public static final class CompletableFutureGetWithTimeout {
        String handle(CompletableFuture<String> reply) throws Exception {
            return reply.get(1, TimeUnit.SECONDS);
        }
    }

    public static final class CompletableFutureJoin {
        String handle(CompletableFuture<String> reply) {
            return reply.join();
        }
    }

    public static final class CountDownLatchAwait {
        void handle(CountDownLatch ready) throws InterruptedException {
            ready.await();
        }
    }

    public static final class CyclicBarrierAwait {
        void handle(CyclicBarrier together) throws Exception {
            together.await();
        }
    }

    public static final class ConditionAwait {
        void handle(Condition ready) throws InterruptedException {
            ready.await();
        }
    }

    public static final class ObjectWait {
        synchronized void handle() throws InterruptedException {
            wait(100);
        }
    }

    public static final class ThreadJoin {
        void handle(Thread worker) throws InterruptedException {
            worker.join();
        }
    }

    public static final class VertxFutureAwait {
        String handle(io.vertx.core.Future<String> reply) {
            return reply.await();
        }
    }

    // never takes a thread's lock

    public static final class LockLock {
        private final Lock lock = new ReentrantLock();

        void handle() {
            lock.lock();
            lock.unlock();
        }
    }

    public static final class ReentrantLockLockInterruptibly {
        private final ReentrantLock lock = new ReentrantLock();

        void handle() throws InterruptedException {
            lock.lockInterruptibly();
            lock.unlock();
        }
    }

    public static final class LockTryLockWithTimeout {
        private final Lock lock = new ReentrantLock();

        void handle() throws InterruptedException {
            if (lock.tryLock(1, TimeUnit.SECONDS)) {
                lock.unlock();
            }
        }
    }

    public static final class SemaphoreAcquire {
        void handle(Semaphore permits) throws InterruptedException {
            permits.acquire();
        }
    }

    public static final class SemaphoreAcquireUninterruptibly {
        void handle(Semaphore permits) {
            permits.acquireUninterruptibly(2);
        }
    }

    public static final class SemaphoreTryAcquireWithTimeout {
        boolean handle(Semaphore permits) throws InterruptedException {
            return permits.tryAcquire(1, TimeUnit.SECONDS);
        }
    }

    // never blocks on RxJava

    public static final class SingleBlockingGet {
        String handle(Single<String> reply) {
            return reply.blockingGet();
        }
    }

    public static final class MaybeBlockingGet {
        String handle(Maybe<String> reply) {
            return reply.blockingGet();
        }
    }

    public static final class ObservableBlockingFirst {
        String handle(Observable<String> replies) {
            return replies.blockingFirst();
        }
    }

    public static final class FlowableBlockingSubscribe {
        void handle(Flowable<String> replies) {
            replies.blockingSubscribe(reply -> { });
        }
    }

    public static final class CompletableBlockingAwait {
        void handle(Completable done) {
            done.blockingAwait();
        }
    }

    // never does blocking I/O: the disk (one fixture per way in), the network, a database

    public static final class FilesRead {
        String handle(Path file) throws IOException {
            return Files.readString(file);
        }
    }

    public static final class FileInputStreamOpen {
        int handle(File file) throws IOException {
            try (var in = new FileInputStream(file)) {
                return in.read();
            }
        }
    }

    public static final class FileOutputStreamOpen {
        void handle(String file) throws IOException {
            try (var out = new FileOutputStream(file)) {
                out.write(1);
            }
        }
    }

    public static final class FileReaderOpen {
        int handle(String file) throws IOException {
            try (var in = new FileReader(file)) {
                return in.read();
            }
        }
    }

    public static final class FileWriterOpen {
        void handle(File file) throws IOException {
            try (var out = new FileWriter(file)) {
                out.write("x");
            }
        }
    }

    public static final class RandomAccessFileOpen {
        long handle(String file) throws IOException {
            try (var in = new RandomAccessFile(file, "r")) {
                return in.length();
            }
        }
    }

    public static final class ScannerOverAPath {
        String handle(Path file) throws IOException {
            try (var in = new Scanner(file)) {
                return in.nextLine();
            }
        }
    }

    public static final class ScannerOverAFile {
        String handle(File file) throws IOException {
            try (var in = new Scanner(file)) {
                return in.nextLine();
            }
        }
    }

    public static final class FileChannelOpen {
        long handle(Path file) throws IOException {
            try (var channel = FileChannel.open(file)) {
                return channel.size();
            }
        }
    }

    public static final class PrintWriterToAFile {
        void handle(String file) throws IOException {
            try (var out = new PrintWriter(file)) {
                out.println("x");
            }
        }
    }

    public static final class PrintStreamToAFile {
        void handle(File file) throws IOException {
            try (var out = new PrintStream(file)) {
                out.println("x");
            }
        }
    }

    public static final class FileQueries {
        boolean handle(File file) {
            return file.exists() && file.length() > 0;
        }
    }

    public static final class VertxFileSystemBlocking {
        String handle(Vertx vertx, String file) {
            return vertx.fileSystem().readFileBlocking(file).toString();
        }
    }

    public static final class UrlOpenStream {
        byte[] handle(Path file) throws IOException {
            try (var in = file.toUri().toURL().openStream()) {
                return in.readNBytes(16);
            }
        }
    }

    /** Any JDK call that declares an IOException: here a read from a stream that came from anywhere. */
    public static final class InputStreamRead {
        int handle(InputStream in) throws IOException {
            return in.read();
        }
    }

    /** A URLConnection connects on its first query, though getContentLength declares no IOException. */
    public static final class UrlConnectionQuery {
        int handle(URLConnection connection) {
            return connection.getContentLength();
        }
    }

    public static final class SocketConnect {
        boolean handle(String host) throws IOException {
            try (var socket = new Socket(host, 80)) {
                return socket.isConnected();
            }
        }
    }

    public static final class DnsLookup {
        String handle(String host) throws IOException {
            return InetAddress.getByName(host).getHostAddress();
        }
    }

    public static final class HttpClientSend {
        String handle(HttpClient client) throws IOException, InterruptedException {
            return client.send(HttpRequest.newBuilder(URI.create("http://localhost/")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        }
    }

    /** JDBC: a ResultSet's next() may fetch the next rows from the database (it declares SQLException, not IOException). */
    public static final class JdbcQuery {
        boolean handle(ResultSet rows) throws SQLException {
            return rows.next();
        }
    }

    // says whether blocking work is ordered

    public static final class VertxExecuteBlockingDefault {
        void handle(Vertx vertx) {
            vertx.executeBlocking(() -> "serialised with every other call from this context");
        }
    }

    public static final class ContextExecuteBlockingDefault {
        void handle(Context context) {
            context.executeBlocking(() -> "serialised with every other call from this context");
        }
    }

    public static final class WorkerExecutorExecuteBlockingDefault {
        void handle(WorkerExecutor pool) {
            pool.executeBlocking(() -> "serialised with every other call from this context");
        }
    }
}
