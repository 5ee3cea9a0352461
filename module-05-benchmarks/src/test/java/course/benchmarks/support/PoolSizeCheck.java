package course.benchmarks.support;

import course.benchmarks.Ex02_FixedPoolRunner;
import course.benchmarks.ScenarioRunner;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Run by Ex02's test in a child JVM that sees a different number of cores
 * ({@code -XX:ActiveProcessorCount=3}): a pool sized to this machine's cores by accident (a
 * hard-coded 2 on a 2-core laptop) shows up there. Prints {@code CORES n}, {@code MET n} (units of
 * a cores-sized meeting that met) and {@code THREADS n} (threads that ran 4 x cores waiting units).
 * It uses nothing but the runner and the JDK, so its class path can be just where those classes are.
 */
public final class PoolSizeCheck {

    private PoolSizeCheck() {
    }

    public static void main(String[] args) throws Exception {
        int cores = Runtime.getRuntime().availableProcessors();
        System.out.println("CORES " + cores);
        try (ScenarioRunner runner = new Ex02_FixedPoolRunner()) {
            CountDownLatch arrived = new CountDownLatch(cores); // the units meet here if they all run at once
            List<Boolean> met = runner.compute(cores, id -> {
                arrived.countDown();
                try {
                    return arrived.await(2, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    return false;
                }
            });
            System.out.println("MET " + met.stream().filter(Boolean::booleanValue).count());
            List<Thread> threads = runner.waitThen(4 * cores, Duration.ofMillis(20), id -> Thread.currentThread());
            System.out.println("THREADS " + new HashSet<>(threads).size());
        }
        System.out.flush();
        Runtime.getRuntime().halt(0); // a pool the runner never closed must not keep this JVM alive
    }
}
