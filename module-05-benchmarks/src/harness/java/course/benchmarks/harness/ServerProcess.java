package course.benchmarks.harness;

import course.benchmarks.Backend;
import course.benchmarks.RunningServer;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import jdk.jfr.consumer.RecordingStream;

/**
 * The server under load, in a JVM of its own (started by {@link ServerScenario}): it starts one
 * Ex07 server, prints {@code READY <port>}, and closes it when its standard input says {@code stop}
 * or ends (the suite died). A JVM of its own so that the generator's CPU time and the server's
 * can be told apart, and neither one's garbage collector or JIT pauses the other.
 *
 * <p>Arguments: {@code MODEL POOL_SIZE WAIT_MILLIS CPU_ROUNDS}. On its standard input,
 * {@code dispatcher-waits FROM TO} (epoch ms) asks how long the JDK server's dispatcher thread
 * waited for locks in that window (JFR); it answers {@code DISPATCHER-WAITS <ms>}, -1 for the Vert.x models.
 */
public final class ServerProcess {

    /** The JDK server's dispatcher thread (sun.net.httpserver.ServerImpl). */
    static final String DISPATCHER = "HTTP-Dispatcher";

    private ServerProcess() {
    }

    /** The milliseconds of {@code waits} (start, end) that fall inside [from, to]. */
    static long waitedMillis(List<Instant[]> waits, Instant from, Instant to) {
        long nanos = 0;
        synchronized (waits) {
            for (Instant[] w : waits) {
                Instant start = w[0].isBefore(from) ? from : w[0];
                Instant end = w[1].isAfter(to) ? to : w[1];
                if (end.isAfter(start)) {
                    nanos += Duration.between(start, end).toNanos();
                }
            }
        }
        return nanos / 1_000_000;
    }

    public static void main(String[] args) throws Exception {
        ServerScenario.Model model = ServerScenario.Model.valueOf(args[0]);
        int poolSize = Integer.parseInt(args[1]);
        Backend backend = Backend.simulated(Duration.ofMillis(Long.parseLong(args[2])), Long.parseLong(args[3]));
        RunningServer server = model.start(backend, poolSize);
        // The JDK server's one dispatcher thread hands every connection with a request ready to the executor: how long it
        // waits for locks (JFR's monitor-enter events of 10 ms and more) is part of what it serves.
        List<Instant[]> dispatcherWaits = java.util.Collections.synchronizedList(new ArrayList<>());
        RecordingStream locks = null;
        if (model.server == ServerScenario.Server.JDK) {
            locks = new RecordingStream();
            locks.enable("jdk.JavaMonitorEnter").withThreshold(Duration.ofMillis(10));
            locks.onEvent("jdk.JavaMonitorEnter", event -> {
                if (event.getThread() != null && DISPATCHER.equals(event.getThread().getJavaName())) {
                    dispatcherWaits.add(new Instant[] {event.getStartTime(), event.getEndTime()});
                }
            });
            locks.startAsync();
        }
        System.out.println("READY " + server.port());
        System.out.flush();
        try (BufferedReader in = new BufferedReader(new InputStreamReader(System.in))) {
            String line;
            boolean flushed = false;
            do {
                line = in.readLine();
                if (line != null && line.startsWith("dispatcher-waits ")) {
                    // "dispatcher-waits FROM TO" (epoch ms): the ms the dispatcher waited for locks in that window.
                    if (!flushed) {
                        Thread.sleep(1_500); // JFR hands events to the stream about once a second
                        flushed = true;
                    }
                    String[] window = line.split(" ");
                    System.out.println("DISPATCHER-WAITS " + (locks == null ? -1 : waitedMillis(dispatcherWaits,
                        Instant.ofEpochMilli(Long.parseLong(window[1])), Instant.ofEpochMilli(Long.parseLong(window[2])))));
                    System.out.flush();
                }
            } while (line != null && !line.equals("stop"));
        }
        if (locks != null) {
            locks.close();
        }
        long start = System.nanoTime();
        server.close();
        System.out.printf("CLOSED %d%n", (System.nanoTime() - start) / 1_000_000);
        System.out.flush();
        System.exit(0); // a close() that left threads running must not keep this JVM alive
    }
}
