package course.benchmarks.harness;

import course.benchmarks.Ex01_PlatformThreadRunner;
import course.benchmarks.Ex02_FixedPoolRunner;
import course.benchmarks.Ex03_VirtualThreadRunner;
import course.benchmarks.Ex04_VertxRunner;
import course.benchmarks.Ex05_RxJavaRunner;
import course.benchmarks.ScenarioRunner;
import java.util.function.Supplier;

/** The runners the benchmarks compare, by the short key used in JMH params and results.json. */
public enum Runners {
    PLATFORM("platform", "platform thread per unit", "Ex01", Ex01_PlatformThreadRunner::new),
    POOL("pool", "fixed pool (cores)", "Ex02", Ex02_FixedPoolRunner::new),
    VIRTUAL("virtual", "virtual thread per unit", "Ex03", Ex03_VirtualThreadRunner::new),
    VERTX("vertx", "Vert.x (loop/timer/executeBlocking)", "Ex04", Ex04_VertxRunner::new),
    RXJAVA("rxjava", "RxJava (computation)", "Ex05", Ex05_RxJavaRunner::new);

    public final String key;
    public final String label;
    public final String exercise;
    private final Supplier<ScenarioRunner> factory;

    Runners(String key, String label, String exercise, Supplier<ScenarioRunner> factory) {
        this.key = key;
        this.label = label;
        this.exercise = exercise;
        this.factory = factory;
    }

    public ScenarioRunner create() {
        return factory.get();
    }

    public static Runners byKey(String key) {
        for (Runners runner : values()) {
            if (runner.key.equals(key)) {
                return runner;
            }
        }
        throw new IllegalArgumentException("no runner called " + key);
    }
}
