package course.benchmarks.harness;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * What the report says about the machine: JDK, cores, CPU, and how busy the CPU was with
 * other processes while the suite ran (from /proc/stat and /proc/self/stat, Linux only).
 */
public final class Machine {

    private Machine() {
    }

    public static String jdk() {
        return System.getProperty("java.vm.vendor") + " " + System.getProperty("java.vm.name") + " " + Runtime.version();
    }

    public static int cores() {
        return Runtime.getRuntime().availableProcessors();
    }

    public static String os() {
        return System.getProperty("os.name") + " " + System.getProperty("os.version") + " " + System.getProperty("os.arch");
    }

    public static String cpuModel() {
        for (String line : lines("/proc/cpuinfo")) {
            if (line.startsWith("model name")) {
                return line.substring(line.indexOf(':') + 1).trim();
            }
        }
        return "unknown";
    }

    public static String loadAverage() {
        List<String> lines = lines("/proc/loadavg");
        return lines.isEmpty() ? "unknown" : String.join(" ", List.of(lines.get(0).split(" ")).subList(0, 3));
    }

    /** Number of tasks (threads) on the machine now, from /proc/loadavg, or -1. */
    public static int tasksNow() {
        List<String> lines = lines("/proc/loadavg");
        if (lines.isEmpty()) {
            return -1;
        }
        String[] fields = lines.get(0).split(" ");
        return Integer.parseInt(fields[3].substring(fields[3].indexOf('/') + 1));
    }

    /** The most process/thread ids the kernel hands out, or -1. */
    public static int pidMax() {
        List<String> lines = lines("/proc/sys/kernel/pid_max");
        return lines.isEmpty() ? -1 : Integer.parseInt(lines.get(0).trim());
    }

    /** The most threads this machine's settings allow, and which setting says so. */
    public record ThreadLimit(long threads, String by) {
    }

    /**
     * The lowest of the limits Linux puts on the number of threads, as set on this machine (not
     * raised): vm.max_map_count / 2 (each thread maps its stack and a guard page), kernel.threads-max,
     * kernel.pid_max, {@code ulimit -u} (this user's processes and threads) and the cgroup's pids.max
     * (and its parents'). Null where there is no /proc (macOS, Windows). Other processes' threads count
     * against all of them but max_map_count, so a JVM gets somewhat fewer.
     */
    public static ThreadLimit threadLimit() {
        List<ThreadLimit> limits = new java.util.ArrayList<>();
        long maps = number(lines("/proc/sys/vm/max_map_count"));
        if (maps > 0) {
            limits.add(new ThreadLimit(maps / 2, "vm.max_map_count " + maps + " / 2 maps a thread"));
        }
        long threadsMax = number(lines("/proc/sys/kernel/threads-max"));
        if (threadsMax > 0) {
            limits.add(new ThreadLimit(threadsMax, "kernel.threads-max"));
        }
        long pidMax = number(lines("/proc/sys/kernel/pid_max"));
        if (pidMax > 0) {
            limits.add(new ThreadLimit(pidMax, "kernel.pid_max"));
        }
        for (String line : lines("/proc/self/limits")) {
            if (line.startsWith("Max processes")) {
                String soft = line.substring("Max processes".length()).trim().split("\\s+")[0];
                if (soft.matches("\\d+")) {
                    limits.add(new ThreadLimit(Long.parseLong(soft), "ulimit -u"));
                }
            }
        }
        for (String line : lines("/proc/self/cgroup")) {
            String[] fields = line.split(":", 3); // v2 "0::/path", v1 "8:pids:/path"
            if (fields.length == 3 && (fields[1].isEmpty() || fields[1].equals("pids"))) {
                Path base = Path.of(fields[1].isEmpty() ? "/sys/fs/cgroup" : "/sys/fs/cgroup/pids");
                for (Path dir = base.resolve(fields[2].replaceFirst("^/", "")); dir != null && dir.startsWith(base); dir = dir.getParent()) {
                    long max = number(lines(dir.resolve("pids.max").toString()));
                    if (max > 0) {
                        limits.add(new ThreadLimit(max, "the cgroup's pids.max"));
                    }
                }
            }
        }
        return limits.stream().min(java.util.Comparator.comparingLong(ThreadLimit::threads)).orElse(null);
    }

    /** The first line as a number; -1 when it is missing or not a number ("max"). */
    private static long number(List<String> lines) {
        try {
            return lines.isEmpty() ? -1 : Long.parseLong(lines.get(0).trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /**
     * A reading of CPU time from /proc/stat (the whole machine, in clock ticks of usually 10 ms per
     * core) and /proc/self/stat (this process, plus the children it has waited for: the JMH forks
     * and the probe JVMs). Busy is user + nice + system + irq + softirq; steal is time the
     * hypervisor gave this VM's virtual CPUs to someone else; total is every state.
     */
    public record CpuTicks(long machineBusy, long steal, long machineTotal, long ownAndChildren, long atNanos) {

        public static CpuTicks now() {
            List<String> stat = lines("/proc/stat");
            List<String> self = lines("/proc/self/stat");
            if (stat.isEmpty() || self.isEmpty()) {
                return new CpuTicks(-1, -1, -1, -1, System.nanoTime());
            }
            String[] cpu = stat.get(0).trim().split("\\s+"); // cpu user nice system idle iowait irq softirq steal guest guest_nice
            long[] field = new long[9];
            for (int i = 1; i < Math.min(cpu.length, 9); i++) {
                field[i] = Long.parseLong(cpu[i]);
            }
            long busy = field[1] + field[2] + field[3] + field[6] + field[7];
            long idle = field[4] + field[5];
            long steal = field[8];
            String afterName = self.get(0).substring(self.get(0).lastIndexOf(')') + 2);
            String[] fields = afterName.split(" "); // field 3 (state) is index 0: utime=14 stime=15 cutime=16 cstime=17
            long own = 0;
            for (int i = 11; i <= 14; i++) {
                own += Long.parseLong(fields[i]);
            }
            return new CpuTicks(busy, steal, busy + idle + steal, own, System.nanoTime());
        }

        public boolean known() {
            return machineTotal > 0;
        }
    }

    private static List<String> lines(String file) {
        try {
            return Files.readAllLines(Path.of(file));
        } catch (IOException | RuntimeException e) {
            return List.of();
        }
    }
}
