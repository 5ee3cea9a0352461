package course.benchmarks.harness;

import course.benchmarks.MixingLoop;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

/**
 * One CPU unit on the calling thread, no concurrency at all. The CPU scenario cannot beat
 * (units x this) / cores: that is the physical limit drawn next to the runners.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class CpuReferenceBenchmark {

    @Param("20000000")
    public long rounds;

    private long id;

    @Benchmark
    public long oneUnit() {
        return MixingLoop.mix(id++, rounds);
    }
}
