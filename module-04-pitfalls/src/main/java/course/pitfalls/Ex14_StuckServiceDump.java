package course.pitfalls;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.locks.LockSupport;

/**
 * Ex14 · A stuck service, read from a thread dump of its virtual threads.
 *
 * <p>Requests stop answering, the CPU is idle, nothing is logged. The classic first step, a thread
 * dump, shows platform threads only: {@code Thread.getAllStackTraces()} and jstack's classic dump
 * leave virtual threads out, and a service on virtual threads has almost nothing else. The dump
 * that shows them is the JDK's newer one ({@code jcmd <pid> Thread.dump_to_file -format=json},
 * or from code {@code HotSpotDiagnosticMXBean.dumpThreads}): every thread, grouped by the
 * container that started it (the root, each executor), each with its stack and the object it is
 * parked on ({@code parkBlocker}).
 */
public final class Ex14_StuckServiceDump {

    /** The resource most requests wait for, as the dump names it ({@code Class@hash}), and their names, sorted. */
    public record Stuck(String resource, List<String> threads) {}

    private Ex14_StuckServiceDump() {}

    /**
     * Takes a thread dump of this JVM and returns the resource the most virtual threads are parked
     * on, with the names of those threads; an empty resource and list when none is parked.
     */
    public static Stuck mostWaitedFor() throws IOException {
        // TODO: symptom: the service moved its requests to virtual threads and hangs now and then;
        //  this tool, which found the stuck requests when they ran on a pool, now always says
        //  "nothing is stuck". Find what it cannot see, and read the dump that shows it
        //  (a JSON file; module-04 has Vert.x's JsonObject to read it).
        Map<String, List<String>> byResource = new TreeMap<>();
        for (Thread thread : Thread.getAllStackTraces().keySet()) {
            Object blocker = LockSupport.getBlocker(thread);
            if (!thread.isVirtual() || blocker == null) continue;
            byResource.computeIfAbsent(Objects.toIdentityString(blocker), k -> new ArrayList<>()).add(thread.getName());
        }
        return byResource.entrySet().stream()
                .max(Comparator.comparingInt((Map.Entry<String, List<String>> e) -> e.getValue().size()))
                .map(e -> new Stuck(e.getKey(), e.getValue().stream().sorted().toList()))
                .orElse(new Stuck("", List.of()));
    }
}
