package course.benchmarks.harness;

import course.benchmarks.Backend;
import course.benchmarks.RunningServer;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.time.Duration;

/**
 * The server under load, in a JVM of its own (started by {@link ServerScenario}): it starts one
 * Ex07 server, prints {@code READY <port>}, and closes it when its standard input says {@code stop}
 * or ends (the suite died). A JVM of its own so that the generator's CPU time and the server's
 * can be told apart, and neither one's garbage collector or JIT pauses the other.
 *
 * <p>Arguments: {@code MODEL POOL_SIZE WAIT_MILLIS CPU_ROUNDS}.
 */
public final class ServerProcess {

    private ServerProcess() {
    }

    public static void main(String[] args) throws Exception {
        ServerScenario.Model model = ServerScenario.Model.valueOf(args[0]);
        int poolSize = Integer.parseInt(args[1]);
        Backend backend = Backend.simulated(Duration.ofMillis(Long.parseLong(args[2])), Long.parseLong(args[3]));
        RunningServer server = model.start(backend, poolSize);
        System.out.println("READY " + server.port());
        System.out.flush();
        try (BufferedReader in = new BufferedReader(new InputStreamReader(System.in))) {
            String line;
            do {
                line = in.readLine();
            } while (line != null && !line.equals("stop"));
        }
        long start = System.nanoTime();
        server.close();
        System.out.printf("CLOSED %d%n", (System.nanoTime() - start) / 1_000_000);
        System.out.flush();
        System.exit(0); // a close() that left threads running must not keep this JVM alive
    }
}
