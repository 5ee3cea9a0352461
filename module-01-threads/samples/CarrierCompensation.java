import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Module 01 sample (not an exercise): which blocked virtual thread gets its carrier replaced.
 * With one carrier, a virtual thread blocks for about a second in different ways, and a second
 * virtual thread started meanwhile reports how long it waited to run and on which carrier.
 *
 * <pre>
 *   java -Djdk.virtualThreadScheduler.parallelism=1 module-01-threads/samples/CarrierCompensation.java
 * </pre>
 *
 * Unmounted (sleep, also inside synchronized since JDK 24): the other runs at once on the same
 * carrier. Pinned (a class initialiser): the other waits the whole second, no carrier is added.
 * Compensated (a blocking FileChannel.lock, one of the operations the JDK wraps for this): a
 * second carrier, ForkJoinPool-1-worker-2, appears. A FileInputStream read is none of these in
 * JDK 25: it holds its carrier (shown on a named pipe, where a read waits for the writer).
 */
public class CarrierCompensation {

    static class SlowInit {
        static {
            sleep(1000);
        }

        static void touch() {
        }
    }

    public static void main(String[] args) throws Exception {
        if (args.length == 2 && args[0].equals("hold-lock")) {           // the second JVM: holds the file lock 1.2 s
            try (FileChannel ch = FileChannel.open(Path.of(args[1]), StandardOpenOption.WRITE); var lock = ch.lock()) {
                System.out.println("locked");
                System.out.flush();
                sleep(1200);
            }
            return;
        }
        System.out.println(Runtime.version() + ", carriers: jdk.virtualThreadScheduler.parallelism="
            + System.getProperty("jdk.virtualThreadScheduler.parallelism", "(cores)"));
        Object lock = new Object();
        blockAndWatch("sleep inside synchronized (unmounts)", () -> {
            synchronized (lock) {
                sleep(1000);
            }
        });
        blockAndWatch("sleep inside a class initialiser (pinned)", SlowInit::touch);

        Path file = Files.createTempFile("compensation", ".lock");
        String java = ProcessHandle.current().info().command().orElse("java");
        Path self = Files.exists(Path.of("samples/CarrierCompensation.java")) ? Path.of("samples/CarrierCompensation.java")
            : Path.of("module-01-threads/samples/CarrierCompensation.java");   // run from the module's folder or the root
        Process holder = new ProcessBuilder(java, self.toString(), "hold-lock", file.toString())
            .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        holder.getInputStream().read();                                    // "locked": the other JVM holds it now
        blockAndWatch("FileChannel.lock held by another JVM (compensated)", () -> {
            try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE); var l = ch.lock()) {
                // got it once the other JVM let go
            } catch (IOException e) {
                throw new RuntimeException(e);
            }
        });
        holder.waitFor(10, TimeUnit.SECONDS);

        Path fifo = file.resolveSibling(file.getFileName() + ".fifo");
        if (new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor() == 0) {
            Thread writer = Thread.ofPlatform().start(() -> {
                try (var out = new FileOutputStream(fifo.toFile())) {
                    sleep(1000);
                    out.write(1);
                } catch (IOException e) {
                    throw new RuntimeException(e);
                }
            });
            try (var in = new FileInputStream(fifo.toFile())) {
                blockAndWatch("FileInputStream.read on a named pipe", () -> {
                    try {
                        in.read();
                    } catch (IOException e) {
                        throw new RuntimeException(e);
                    }
                });
            }
            writer.join();
            Files.delete(fifo);
        }
        Files.delete(file);
    }

    /** Starts blocker on a virtual thread, then another virtual thread 100 ms later; prints how long that one waited to run. */
    static void blockAndWatch(String what, Runnable blocker) throws Exception {
        Thread blocked = Thread.ofVirtual().start(blocker);
        sleep(100);
        long start = System.nanoTime();
        CompletableFuture<String> ran = new CompletableFuture<>();
        Thread.ofVirtual().start(() -> ran.complete(Thread.currentThread().toString().replaceAll(".*@", "")));
        String carrier = ran.get();
        System.out.printf("%-52s the other virtual thread ran after %4d ms, on %s%n", what,
            TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start), carrier);
        blocked.join();
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
