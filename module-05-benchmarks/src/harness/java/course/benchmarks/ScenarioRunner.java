package course.benchmarks;

import java.time.Duration;
import java.util.List;
import java.util.function.IntFunction;

/**
 * One concurrency model running the course's three scenarios. Ex01 to Ex05 implement it, once
 * per model; the tests check each one, then the JMH benchmarks in src/harness/java time them.
 *
 * <p>Every method runs {@code units} units numbered 0 to units - 1, waits for all of them, and
 * returns what each unit produced, in unit order; when a unit throws, the method throws too, with
 * that failure (or an exception caused by it). The work of a unit is handed in as a function
 * of its id, so the benchmark can pass the published work ("return your id", the mixing loop)
 * and the tests can pass work that reports where and when it ran.
 */
public interface ScenarioRunner extends AutoCloseable {

    /** Scenario 1, spawn: each unit returns {@code work.apply(id)}. Measures what a unit costs to create. */
    <T> List<T> spawn(int units, IntFunction<T> work) throws Exception;

    /**
     * Scenario 2, wait: each unit waits {@code pause}, without blocking a thread where the model
     * allows it, then returns {@code afterWait.apply(id)}. All the waits should overlap.
     */
    <T> List<T> waitThen(int units, Duration pause, IntFunction<T> afterWait) throws Exception;

    /**
     * Scenario 3, CPU: each unit returns {@code work.apply(id)}, where the work computes without
     * ever yielding. Most models run it exactly like {@link #spawn}; a model whose spawn runs on an
     * event loop must move it elsewhere.
     */
    default <T> List<T> compute(int units, IntFunction<T> work) throws Exception {
        return spawn(units, work);
    }

    /**
     * Thread.sleep for use inside a lambda: blocks the calling thread for {@code pause}; an
     * interrupt ends the unit with an exception (and keeps the interrupt flag set).
     */
    static void blockingSleep(Duration pause) {
        try {
            Thread.sleep(pause);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting", e);
        }
    }

    /** Releases the model's threads (pool, event loops). Nothing to release by default. */
    @Override
    default void close() {
    }
}
