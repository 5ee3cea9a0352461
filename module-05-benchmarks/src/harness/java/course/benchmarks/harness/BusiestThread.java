package course.benchmarks.harness;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * The server process's busiest thread over a measured window: its name and the cores it used
 * (0..1, a thread runs on one core at a time). Read from outside the server, on Linux only, from
 * {@code /proc/<pid>/task/<tid>/stat}: the thread's name as the kernel keeps it (its first 15
 * characters) and its user + system CPU time in clock ticks. Elsewhere it is {@link #UNKNOWN}.
 *
 * <p>Why it matters: when the cores are not full but one thread is, that thread is the limit; no
 * number of other threads or connections gets past it.
 */
public record BusiestThread(String name, double cores) {

    public static final BusiestThread UNKNOWN = new BusiestThread("unknown", Double.NaN);

    public boolean known() {
        return !Double.isNaN(cores);
    }

    /** The CPU ticks of each thread of one process at one moment: thread id -> (name, ticks). Empty where there is no /proc. */
    record Snapshot(Map<Long, Ticks> threads, long atNanos) {

        record Ticks(String name, long ticks) {
        }

        static Snapshot of(long pid) {
            Map<Long, Ticks> threads = new HashMap<>();
            try (DirectoryStream<Path> tasks = Files.newDirectoryStream(Path.of("/proc", Long.toString(pid), "task"))) {
                for (Path task : tasks) {
                    try {
                        String stat = Files.readString(task.resolve("stat"));
                        // tid (comm) state ppid ...: the name may hold spaces and ')', so split at the last ')'
                        String name = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
                        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).trim().split(" ");
                        long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]); // utime (14), stime (15)
                        threads.put(Long.parseLong(task.getFileName().toString()), new Ticks(name, ticks));
                    } catch (IOException | RuntimeException e) {
                        // the thread ended while we read: it is not the busiest one
                    }
                }
            } catch (IOException | RuntimeException e) {
                return new Snapshot(Map.of(), System.nanoTime());
            }
            return new Snapshot(threads, System.nanoTime());
        }

        /** The thread that used the most CPU since {@code before} (a thread born in between counts from zero). */
        BusiestThread busiestSince(Snapshot before) {
            if (threads.isEmpty() || before.threads.isEmpty() || atNanos == before.atNanos) {
                return UNKNOWN;
            }
            String name = null;
            long most = -1;
            for (Map.Entry<Long, Ticks> thread : threads.entrySet()) {
                Ticks then = before.threads.get(thread.getKey());
                long used = thread.getValue().ticks() - (then == null ? 0 : then.ticks());
                if (used > most) {
                    most = used;
                    name = thread.getValue().name();
                }
            }
            double seconds = (atNanos - before.atNanos) / 1e9;
            return new BusiestThread(name, Math.min(1, most / (double) clockTicksPerSecond() / seconds));
        }
    }

    private static volatile long clockTicks;

    /** {@code getconf CLK_TCK}: the unit of /proc's CPU times (100 on almost every Linux). */
    static long clockTicksPerSecond() {
        if (clockTicks == 0) {
            long ticks = 100;
            try {
                Process getconf = new ProcessBuilder("getconf", "CLK_TCK").redirectErrorStream(true).start();
                try (InputStream out = getconf.getInputStream()) {
                    ticks = Long.parseLong(new String(out.readAllBytes(), StandardCharsets.US_ASCII).trim());
                }
                getconf.waitFor();
            } catch (IOException | RuntimeException e) {
                // keep 100
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            clockTicks = ticks > 0 ? ticks : 100;
        }
        return clockTicks;
    }
}
