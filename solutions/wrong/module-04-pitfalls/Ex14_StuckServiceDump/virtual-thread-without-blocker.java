// Wrong: reads the parkBlocker of every virtual thread without asking whether it has one: a request that sleeps or runs (no blocker) makes the dump fail
// Caught by: findsTheRequestsParkedOnOneResource
package course.pitfalls;

import com.sun.management.HotSpotDiagnosticMXBean;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

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
        Path dir = Files.createTempDirectory("ex14-dump");
        Path file = dir.resolve("threads.json");    // dumpThreads refuses a file that exists
        try {
            ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class)
                    .dumpThreads(file.toString(), HotSpotDiagnosticMXBean.ThreadDumpFormat.JSON);
            JsonObject dump = new JsonObject(Files.readString(file)).getJsonObject("threadDump");
            Map<String, List<String>> byResource = new TreeMap<>();
            // Every container: the root holds threads started directly, each executor its own.
            for (Object c : dump.getJsonArray("threadContainers", new JsonArray())) {
                for (Object t : ((JsonObject) c).getJsonArray("threads", new JsonArray())) {
                    JsonObject thread = (JsonObject) t;
                    JsonObject blocker = thread.getJsonObject("parkBlocker");
                    if (!thread.getBoolean("virtual", false)) continue;
                    // One object, one resource: two locks of one class are two resources.
                    byResource.computeIfAbsent(blocker.getString("object"), k -> new ArrayList<>()).add(thread.getString("name"));
                }
            }
            return byResource.entrySet().stream()
                    .max(Comparator.comparingInt((Map.Entry<String, List<String>> e) -> e.getValue().size()))
                    .map(e -> new Stuck(e.getKey(), e.getValue().stream().sorted().toList()))
                    .orElse(new Stuck("", List.of()));
        } finally {
            Files.deleteIfExists(file);
            Files.deleteIfExists(dir);
        }
    }
}
