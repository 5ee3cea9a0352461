package course.benchmarks.harness;

import io.vertx.core.Vertx;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * How many units can wait at once, and what each one costs in resident memory.
 *
 * <p>Run by the suite in its own JVM with a fixed heap ({@code -Xmx512m}):
 * {@code ScaleProbe <platform|virtual|vertx> <cap> <seconds>}. It starts waiting units in steps,
 * prints {@code STEP <units> <VmRSS kB>} after each step and {@code END <reason>} once, then exits.
 * It stops at the cap, at the time budget, or at the first error (no more threads, heap full), so
 * it never runs the machine out of anything; the parent reads the last STEP it saw.
 */
public final class ScaleProbe {

    private ScaleProbe() {
    }

    /** Something that can start one more waiting unit and release them all at the end. */
    private interface Units {
        void startOne();

        void releaseAll();
    }

    public static void main(String[] args) {
        String model = args[0];
        int cap = Integer.parseInt(args[1]);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(Long.parseLong(args[2]));
        Units units = switch (model) {
            case "platform" -> threads(Thread.ofPlatform().daemon(true));
            case "virtual" -> threads(Thread.ofVirtual());
            case "vertx" -> timers();
            default -> throw new IllegalArgumentException("unknown model " + model);
        };
        int step = Math.max(100, cap / 40);
        String reason = "cap";
        int started = 0;
        try {
            // Warm up (class loading, first allocations) before the baseline, so it is not billed to the units.
            for (int i = 0; i < 50; i++) {
                units.startOne();
            }
            started = 50;
            System.gc();
            report(started);
            while (started < cap) {
                if (System.nanoTime() > deadline) {
                    reason = "time budget";
                    break;
                }
                int target = Math.min(cap, started + step);
                while (started < target) {
                    units.startOne();
                    started++;
                }
                report(started);
            }
        } catch (Throwable limit) { // OutOfMemoryError: no native thread, or heap full
            reason = limit.getClass().getSimpleName() + ": " + limit.getMessage();
        }
        System.out.println("END " + reason.replace('\n', ' '));
        System.out.flush();
        units.releaseAll();
        Runtime.getRuntime().halt(0); // do not wait for thousands of threads to wind down
    }

    private static Units threads(Thread.Builder builder) {
        CountDownLatch release = new CountDownLatch(1);
        List<Thread> started = new ArrayList<>();
        return new Units() {
            @Override
            public void startOne() {
                started.add(builder.start(() -> {
                    try {
                        release.await(); // waits, like a unit blocked on I/O
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }));
            }

            @Override
            public void releaseAll() {
                release.countDown();
            }
        };
    }

    private static Units timers() {
        Vertx vertx = Vertx.vertx();
        return new Units() {
            @Override
            public void startOne() {
                vertx.setTimer(TimeUnit.MINUTES.toMillis(10), ignored -> { });
            }

            @Override
            public void releaseAll() {
                vertx.close();
            }
        };
    }

    private static void report(int units) {
        System.out.println("STEP " + units + " " + residentKb());
        System.out.flush();
    }

    /** VmRSS from /proc/self/status, or -1 where there is no /proc (macOS, Windows). */
    static long residentKb() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", ""));
                }
            }
        } catch (IOException | RuntimeException e) {
            return -1;
        }
        return -1;
    }
}
