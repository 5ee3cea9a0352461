import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/**
 * Module 01 sample (not an exercise): what a parked thread costs, measured on this machine
 * (Linux only: it reads /proc). It starts N threads, waits until every one is parked in
 * CountDownLatch.await (optionally FRAMES calls deep), and compares before and after:
 * the KernelStack line of /proc/meminfo, this process's VmRSS, and the live heap after a GC.
 *
 * <pre>
 *   java -Xms256m -Xmx256m -XX:+AlwaysPreTouch samples/ThreadMemory.java platform 2000
 *   java -Xms1g -Xmx1g samples/ThreadMemory.java virtual 100000
 *   java -Xms1g -Xmx1g samples/ThreadMemory.java virtual 100000 100
 * </pre>
 *
 * Pre-touching the heap keeps heap pages out of the platform threads' RSS figure. KernelStack
 * is machine-wide, so other processes starting or ending threads add noise: repeat a few times.
 */
public class ThreadMemory {

    public static void main(String[] args) throws Exception {
        if (!Files.exists(Path.of("/proc/meminfo"))) {
            System.out.println("ThreadMemory reads /proc/meminfo and /proc/self/status, which only Linux has.");
            return;
        }
        boolean virtual = args.length > 0 && args[0].equals("virtual");
        int n = args.length > 1 ? Integer.parseInt(args[1]) : (virtual ? 100_000 : 2_000);
        int extraFrames = args.length > 2 ? Integer.parseInt(args[2]) : 0;

        for (int i = 0; i < 200; i++) {                           // warm up what starting and parking use
            CountDownLatch go = new CountDownLatch(1);
            Thread thread = builder(virtual).start(() -> awaitQuietly(go));
            go.countDown();
            thread.join();
        }
        Thread.sleep(300);
        long heapBefore = liveHeap();
        long kernelStackBefore = kib("/proc/meminfo", "KernelStack");
        long rssBefore = kib("/proc/self/status", "VmRSS");

        CountDownLatch release = new CountDownLatch(1);
        List<Thread> threads = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            threads.add(builder(virtual).start(() -> parkDeep(extraFrames, release)));
        }
        for (Thread thread : threads) {                           // every one really parked, not just started
            while (thread.getState() != Thread.State.WAITING) {
                Thread.sleep(1);
            }
        }
        Thread.sleep(500);
        int depth = threads.getFirst().getStackTrace().length;
        long heapAfter = liveHeap();
        long kernelStackAfter = kib("/proc/meminfo", "KernelStack");
        long rssAfter = kib("/proc/self/status", "VmRSS");
        release.countDown();
        for (Thread thread : threads) {
            thread.join();
        }

        System.out.printf("%,d %s threads parked %d frames deep: KernelStack +%.1f KiB, RSS +%.1f KiB, live heap +%,.0f bytes per thread%n",
            n, virtual ? "virtual" : "platform", depth,
            (kernelStackAfter - kernelStackBefore) / (double) n, (rssAfter - rssBefore) / (double) n, (heapAfter - heapBefore) / (double) n);
    }

    static Thread.Builder builder(boolean virtual) {
        return virtual ? Thread.ofVirtual() : Thread.ofPlatform().daemon();
    }

    static long parkDeep(int frames, CountDownLatch release) {
        if (frames > 0) {
            return parkDeep(frames - 1, release) + 1;
        }
        awaitQuietly(release);
        return 0;
    }

    static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static long liveHeap() {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    static long kib(String file, String key) throws Exception {
        for (String line : Files.readAllLines(Path.of(file))) {
            if (line.startsWith(key + ":")) {
                return Long.parseLong(line.substring(key.length() + 1).trim().split("\\s+")[0]);
            }
        }
        throw new IllegalStateException(key + " not found in " + file);
    }
}
