package course.benchmarks.harness;

import course.benchmarks.MixingLoop;
import course.benchmarks.ScenarioRunner;
import java.time.Duration;
import java.util.List;
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
 * The three published scenarios, once per runner. SampleTime records every call's duration, so
 * the report can give the median of many runs (the published figures are medians too).
 * Returning the results lets JMH consume them: the work cannot be optimised away.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class ScenarioBenchmark {

    @Param({"platform", "pool", "virtual", "vertx", "rxjava"})
    public String runner;

    /** Units in the spawn and wait scenarios (published: 1,000). */
    @Param("1000")
    public int units;

    /** The wait of each unit in the wait scenario (published: 10 ms). */
    @Param("10")
    public int waitMillis;

    /** Mixing rounds per CPU unit (published: 20,000,000). */
    @Param("20000000")
    public long rounds;

    private ScenarioRunner scenarios;
    private Duration pause;
    private int cpuUnits;

    @Setup(Level.Trial)
    public void start() {
        scenarios = Runners.byKey(runner).create();
        pause = Duration.ofMillis(waitMillis);
        cpuUnits = MixingLoop.cpuUnits();
    }

    @TearDown(Level.Trial)
    public void stop() {
        scenarios.close();
    }

    @Benchmark
    public List<Integer> spawn() throws Exception {
        return scenarios.spawn(units, id -> id);
    }

    @Benchmark
    public List<Integer> waitScenario() throws Exception {
        return scenarios.waitThen(units, pause, id -> id);
    }

    @Benchmark
    public List<Long> cpu() throws Exception {
        return scenarios.compute(cpuUnits, id -> MixingLoop.mix(id, rounds));
    }
}
