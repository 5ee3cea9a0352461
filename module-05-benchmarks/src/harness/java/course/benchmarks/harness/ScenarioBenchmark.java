package course.benchmarks.harness;

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
 * The spawn and wait scenarios, once per runner. SampleTime records every call's duration, so
 * the report can give the median of many calls and an interval for that median (the published
 * figures are medians too). Returning the results lets JMH consume them: the work cannot be
 * optimised away. The CPU scenario is timed by {@link CpuProbe}, next to its ideal in one JVM.
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

    private ScenarioRunner scenarios;
    private Duration pause;

    @Setup(Level.Trial)
    public void start() {
        scenarios = Runners.byKey(runner).create();
        pause = Duration.ofMillis(waitMillis);
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
}
