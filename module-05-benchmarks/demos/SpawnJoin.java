import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.FutureTask;

/**
 * The spawn scenario on platform threads, outside JMH: 1,000 threads that each return their id,
 * started then joined, 50 calls after 50 warm-up calls; prints the median per unit. Compare it with
 * spawn_join.c (the same on bare POSIX threads, same machine): the difference is what the JVM adds
 * (a Thread object, its bookkeeping, a Java stack set up, a FutureTask).
 *
 *   java module-05-benchmarks/demos/SpawnJoin.java
 */
public class SpawnJoin {

    public static void main(String[] args) throws Exception {
        int units = 1000;
        for (int call = 0; call < 50; call++) {
            spawn(units); // warm-up: let the JIT compile the loop first
        }
        double[] calls = new double[50];
        for (int call = 0; call < calls.length; call++) {
            long start = System.nanoTime();
            spawn(units);
            calls[call] = (System.nanoTime() - start) / 1e3;
        }
        Arrays.sort(calls);
        System.out.printf("Thread.ofPlatform().start + get, %d threads: median %.2f ms per call, %.1f us per unit (%d calls)%n",
            units, calls[calls.length / 2] / 1e3, calls[calls.length / 2] / units, calls.length);
    }

    private static void spawn(int units) throws Exception {
        List<FutureTask<Integer>> tasks = new ArrayList<>(units);
        for (int id = 0; id < units; id++) {
            int unit = id;
            FutureTask<Integer> task = new FutureTask<>(() -> unit);
            Thread.ofPlatform().start(task);
            tasks.add(task);
        }
        long sum = 0;
        for (FutureTask<Integer> task : tasks) {
            sum += task.get();
        }
        if (sum != (long) units * (units - 1) / 2) {
            throw new IllegalStateException("wrong sum " + sum);
        }
    }
}
