package course.benchmarks;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * What the Ex07 service does for one request, {@code GET /?id=N}: it asks its "database" (a wait),
 * then computes (the module's CPU unit), then answers a small JSON body. The database call comes
 * in two flavours, as real database clients do: a blocking one for code that runs on its own
 * thread (JDBC), and one that returns a {@link Future} for code on an event loop (a reactive
 * client). The benchmark passes {@link #simulated}; the tests pass a probe that reports where
 * and when each step ran.
 */
public interface Backend {

    /** The stand-in for the database: each request waits this long (W). */
    Duration DEFAULT_WAIT = Duration.ofMillis(100);

    /** Mixing rounds of the CPU part (C): about 0.2 ms of one core on the course's build machine. */
    long DEFAULT_CPU_ROUNDS = 80_000;

    /** The database call for a thread: returns once the answer is there, blocking the calling thread until then. */
    void blockingQuery(int id);

    /**
     * The same call for an event loop: returns at once, holds no thread, and completes the future
     * when the answer is there, on the caller's context (a request handler's callbacks stay on its loop).
     */
    Future<Void> query(Vertx vertx, int id);

    /** The CPU part: computes for request {@code id} without ever yielding and returns the JSON body. */
    String compute(int id);

    /** The JSON body for request {@code id}: what {@link #compute} returns. */
    static String body(int id, long result) {
        return "{\"id\":" + id + ",\"result\":" + result + "}";
    }

    /** The benchmark's service: a wait of {@code wait} (a sleep or a timer), then {@code cpuRounds} of the mixing loop. */
    static Backend simulated(Duration wait, long cpuRounds) {
        return new Backend() {
            @Override
            public void blockingQuery(int id) {
                ScenarioRunner.blockingSleep(wait); // on a virtual thread: parks, and frees the carrier
            }

            @Override
            public Future<Void> query(Vertx vertx, int id) {
                return vertx.timer(wait.toMillis(), TimeUnit.MILLISECONDS).mapEmpty(); // a timer: no thread held
            }

            @Override
            public String compute(int id) {
                return body(id, MixingLoop.mix(id, cpuRounds));
            }
        };
    }
}
