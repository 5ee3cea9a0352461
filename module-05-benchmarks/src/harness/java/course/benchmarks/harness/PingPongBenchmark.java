package course.benchmarks.harness;

import course.benchmarks.Ex06_PingPong;
import io.vertx.core.Vertx;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * A rally of {@code exchanges} round trips (2 x exchanges switches) in each model. The suite runs
 * the platform rally twice: free to use every core, and in a JVM pinned to one CPU
 * ({@code taskset -c 0}), where every pass is a kernel switch on that CPU rather than a hand-off
 * between two cores that may spin.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class PingPongBenchmark {

    @Param({"platform", "virtual", "eventloop"})
    public String model;

    @Param("10000")
    public int exchanges;

    private Vertx vertx;

    @Setup(Level.Trial)
    public void start() {
        if (model.equals("eventloop")) {
            vertx = Vertx.vertx();
        }
    }

    @TearDown(Level.Trial)
    public void stop() {
        if (vertx != null) {
            vertx.close().await();
        }
    }

    @Benchmark
    public Ex06_PingPong.Rally rally() throws Exception {
        return switch (model) {
            case "platform" -> Ex06_PingPong.platformThreads(exchanges);
            case "virtual" -> Ex06_PingPong.virtualThreads(exchanges);
            case "eventloop" -> Ex06_PingPong.eventLoop(vertx, exchanges);
            default -> throw new IllegalArgumentException("unknown model " + model);
        };
    }
}
