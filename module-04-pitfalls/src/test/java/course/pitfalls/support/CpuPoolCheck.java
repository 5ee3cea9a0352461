package course.pitfalls.support;

import course.pitfalls.Ex10_VirtualThreadMisuse;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

/**
 * Run by Ex10's test in a child JVM that sees another number of cores ({@code -XX:ActiveProcessorCount=3}):
 * a CPU pool sized to this machine's cores by hand (a typed-in 2 on a 2-core machine) shows up there.
 * Prints {@code CORES n} and {@code PEAK n}, the most CPU jobs that ran at once out of 2 x cores, each
 * holding on until as many as the cores run together (up to 5 s), then until one more does (up to 500 ms). It uses nothing but the
 * exercise and the JDK, so its class path can be just where those classes are.
 */
public final class CpuPoolCheck {

    private CpuPoolCheck() {}

    public static void main(String[] args) throws Exception {
        int cores = Runtime.getRuntime().availableProcessors();
        System.out.println("CORES " + cores);
        AtomicInteger inFlight = new AtomicInteger();
        AtomicInteger peak = new AtomicInteger();
        CountDownLatch atTheCores = new CountDownLatch(cores);
        CountDownLatch overTheCores = new CountDownLatch(cores + 1);
        try (var service = new Ex10_VirtualThreadMisuse(10)) {
            List<CompletableFuture<Long>> jobs = IntStream.range(0, 2 * cores)
                .mapToObj(i -> service.crunch(() -> {
                    peak.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
                    try {
                        atTheCores.countDown();
                        overTheCores.countDown();
                        // Wait (up to 5 s) until as many jobs as cores run, then give one more 500 ms to show up.
                        if (atTheCores.await(5, TimeUnit.SECONDS)) {
                            overTheCores.await(500, TimeUnit.MILLISECONDS);
                        }
                        return (long) i;
                    } catch (InterruptedException e) {
                        return -1L;
                    } finally {
                        inFlight.decrementAndGet();
                    }
                }))
                .toList();
            CompletableFuture.allOf(jobs.toArray(CompletableFuture[]::new)).get(10, TimeUnit.SECONDS);
        }
        System.out.println("PEAK " + peak.get());
        System.out.flush();
        Runtime.getRuntime().halt(0); // a pool the service never closed must not keep this JVM alive
    }
}
