package course.benchmarks;

import static course.benchmarks.support.Probes.assertEachWaitElapsed;
import static org.assertj.core.api.Assertions.assertThat;

import course.benchmarks.support.PoolSizeCheck;
import course.benchmarks.support.Probes;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.security.CodeSource;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@DisplayName("Ex02 · A fixed pool sized to the cores")
class Ex02_FixedPoolRunnerTest {

    private static final int CORES = Runtime.getRuntime().availableProcessors();

    @Test
    @Tag("contract:values")
    @DisplayName("spawn returns every unit's id, in order")
    void spawnReturnsEveryId() throws Exception {
        try (ScenarioRunner runner = new Ex02_FixedPoolRunner()) {
            assertThat(runner.spawn(1000, id -> id))
                .as("Ex02: spawn(1000, id -> id) should return 0..999 in order. Hint: keep the futures in the order you submitted them")
                .containsExactlyElementsOf(Probes.ids(1000));
        }
    }

    @Test
    @Tag("contract:placement")
    @Tag("contract:state")
    @DisplayName("the units share the pool's threads, at most one per core, call after call")
    void unitsReuseThePoolThreads() throws Exception {
        try (ScenarioRunner runner = new Ex02_FixedPoolRunner()) {
            List<Thread> threads = new ArrayList<>(runner.spawn(200, id -> Thread.currentThread()));
            threads.addAll(runner.spawn(200, id -> Thread.currentThread()));

            assertThat(new HashSet<>(threads)).as("Ex02: 400 units over two calls should run on at most " + CORES
                    + " threads, the pool's, created once for the runner. Hint: create the pool once (a field), never per call")
                .hasSizeLessThanOrEqualTo(CORES)
                .doesNotContain(Thread.currentThread());
            assertThat(threads).as("Ex02: the pool's threads are platform threads").noneMatch(Thread::isVirtual);
        }
    }

    @Test
    @Tag("contract:concurrency")
    @DisplayName("one pool thread per core: as many CPU units as cores run at the same time")
    void everyCoreGetsAThread() throws Exception {
        try (ScenarioRunner runner = new Ex02_FixedPoolRunner()) {
            List<Boolean> met = runner.compute(CORES, Probes.meetingOf(CORES));

            long together = met.stream().filter(Boolean::booleanValue).count();
            assertThat(together).as("Ex02: this machine has %d cores, so %d CPU units should run at once on the pool, but %d met. "
                    + "Hint: one thread per core (Runtime.getRuntime().availableProcessors()); submit every unit before waiting for any",
                    CORES, CORES, together)
                .isEqualTo(CORES);
        }
    }

    @Test
    @Tag("contract:cores")
    @Tag("contract:concurrency")
    @Timeout(30)
    @DisplayName("the pool follows the cores on any machine (checked in a JVM that sees 3 cores)")
    void poolFollowsTheCores() throws Exception {
        List<String> out = runInJvmWithCores(3);

        assertThat(out).as("Ex02: the check in a 3-core JVM did not finish: %s", out).contains("CORES 3");
        assertThat(out).as("Ex02: on a machine with 3 cores, 3 CPU units should run at once on the pool (the check saw %s). "
                + "A pool size typed in by hand is right on one machine only. Hint: ask the JVM how many cores it has", out)
            .contains("MET 3");
        assertThat(out).as("Ex02: on a machine with 3 cores, 12 waiting units should share exactly 3 pool threads (the check saw %s). "
                + "Hint: one thread per core, no more", out)
            .contains("THREADS 3");
    }

    @Test
    @Tag("contract:values")
    @DisplayName("the CPU units match the sequential reference")
    void computeMatchesTheReference() throws Exception {
        try (ScenarioRunner runner = new Ex02_FixedPoolRunner()) {
            int units = MixingLoop.cpuUnits();
            assertThat(runner.compute(units, Probes.mixWork()))
                .as("Ex02: compute should return MixingLoop.mix(id, rounds) for every id, in order. Hint: compute runs like spawn")
                .containsExactlyElementsOf(Probes.sequentialMix(units));
        }
    }

    @Test
    @Tag("contract:placement")
    @Tag("contract:concurrency")
    @DisplayName("each wait holds a pool thread: 4 x cores waits take 4 rounds")
    void waitsBlockThePoolThreads() throws Exception {
        Duration pause = Duration.ofMillis(100);
        try (ScenarioRunner runner = new Ex02_FixedPoolRunner()) {
            // The call runs on a helper thread while this one reads every thread's state from the JDK, every 10 ms: a unit
            // that waits on its pool thread shows that thread in a timed wait (Thread.sleep). Whatever the load, a pool
            // thread that only runs units which do not wait is never seen so (an idle one waits for work untimed).
            java.util.concurrent.CompletableFuture<List<Probes.Woke>> call = new java.util.concurrent.CompletableFuture<>();
            Set<Thread> seenWaiting = new HashSet<>();
            long start = System.nanoTime();
            Thread.ofPlatform().daemon().name("ex02-caller").start(() -> {
                try {
                    call.complete(runner.waitThen(4 * CORES, pause,
                        id -> new Probes.Woke(id, System.nanoTime(), Thread.currentThread(), false)));
                } catch (Throwable e) {
                    call.completeExceptionally(e);
                }
            });
            long giveUpAt = start + TimeUnit.SECONDS.toNanos(8);
            while (!call.isDone() && System.nanoTime() < giveUpAt) {
                for (Thread thread : Thread.getAllStackTraces().keySet()) {
                    if (thread.getState() == Thread.State.TIMED_WAITING) {
                        seenWaiting.add(thread);
                    }
                }
                Thread.sleep(10);
            }
            List<Probes.Woke> woke;
            try {
                woke = call.get(Math.max(1, TimeUnit.NANOSECONDS.toMillis(giveUpAt - System.nanoTime())), TimeUnit.MILLISECONDS);
            } catch (java.util.concurrent.ExecutionException e) { // the runner failed (not implemented yet?): its own exception says why
                throw e.getCause() instanceof Exception cause ? cause : e;
            }
            Duration took = Duration.ofNanos(System.nanoTime() - start);

            assertEachWaitElapsed(new Probes.WaitRun(start, System.nanoTime(), woke), 4 * CORES, pause, "Ex02");
            assertThat(woke.stream().map(Probes.Woke::thread).distinct()).as("Ex02: the waiting units should sleep on the pool's "
                    + "threads (at most " + CORES + "), not on threads of their own. Hint: waitThen can reuse spawn")
                .hasSizeLessThanOrEqualTo(CORES)
                .doesNotContain(Thread.currentThread());
            List<Thread> neverSeenWaiting = woke.stream().map(Probes.Woke::thread).distinct().filter(t -> !seenWaiting.contains(t)).toList();
            assertThat(neverSeenWaiting).as("Ex02: while %d units that each wait %d ms ran on the pool, these pool threads were never "
                    + "seen waiting (the JDK's thread states, read every 10 ms): %s. The units did not wait on the pool (one wait "
                    + "before them, on the caller, measures one wait, not %d). Hint: the wait belongs inside each unit, "
                    + "ScenarioRunner.blockingSleep(pause) then afterWait.apply(id)", 4 * CORES, pause.toMillis(), neverSeenWaiting, 4 * CORES)
                .isEmpty();
            // A wait inside each unit holds its pool thread: cores threads, 4 x cores units = 4 rounds, however fast the machine.
            assertThat(took).as("Ex02: %d units that each wait %d ms on %d pool threads cannot finish in under 4 rounds (%d ms), but took %d ms: "
                    + "the units did not wait on the pool. Hint: the wait belongs inside each unit, not once before them",
                    4 * CORES, pause.toMillis(), CORES, 4 * pause.toMillis(), took.toMillis())
                .isGreaterThanOrEqualTo(pause.multipliedBy(4).minusMillis(20));
        }
    }

    @Test
    @Tag("contract:lifecycle")
    @DisplayName("close() ends the pool's threads")
    void closeEndsThePool() throws Exception {
        Set<Thread> threads;
        ScenarioRunner runner = new Ex02_FixedPoolRunner();
        try {
            threads = new HashSet<>(runner.spawn(20, id -> Thread.currentThread()));
        } finally {
            closeWithin(runner, Duration.ofSeconds(5));
        }
        boolean ended = Probes.eventually(Duration.ofSeconds(2), () -> threads.stream().noneMatch(Thread::isAlive));
        assertThat(ended).as("Ex02: 2 s after close() a pool thread was still alive: the runner's threads must end with it. "
                + "Hint: close() shuts the pool down")
            .isTrue();
    }

    @Test
    @Tag("contract:state")
    @Tag("contract:lifecycle")
    @DisplayName("two runners side by side: each has a pool of its own, and closing one leaves the other working")
    void twoRunnersKeepTheirOwnPools() throws Exception {
        ScenarioRunner first = new Ex02_FixedPoolRunner();
        ScenarioRunner second = new Ex02_FixedPoolRunner();
        try {
            Set<Thread> firstThreads = new HashSet<>(first.spawn(4 * CORES, id -> Thread.currentThread()));
            first.close();
            Object secondRan;
            try {
                secondRan = second.spawn(4 * CORES, id -> Thread.currentThread());
            } catch (Exception failed) {
                secondRan = failed;
            }

            assertThat(secondRan).as("Ex02: two runners were made; once the first was closed, the second one's spawn failed (%s): "
                    + "both used one pool, kept where every runner shares it (a static field?), so closing one runner closed the "
                    + "other's pool. Hint: each runner creates its own pool, in a final instance field", secondRan)
                .isInstanceOf(List.class);
            @SuppressWarnings("unchecked")
            List<Thread> secondThreads = (List<Thread>) secondRan;
            assertThat(secondThreads).as("Ex02: two runners ran their units on the same threads: both used one pool, kept where "
                    + "every runner shares it (a static field?), so closing one runner ends the other's threads. Hint: each runner "
                    + "creates its own pool, in a final instance field")
                .doesNotContainAnyElementsOf(firstThreads);
        } finally {
            first.close();
            second.close();
        }
    }

    /**
     * Calls {@code runner.close()} on a helper thread, with no unit running, and fails with a message that says why if it
     * has not returned within {@code limit}: a close() that hangs must not hang the test into a bare timeout.
     */
    private static void closeWithin(ScenarioRunner runner, Duration limit) throws InterruptedException {
        java.util.concurrent.CountDownLatch closed = new java.util.concurrent.CountDownLatch(1);
        Thread.ofPlatform().daemon().name("ex02-closer").start(() -> {
            try {
                runner.close();
            } finally {
                closed.countDown();
            }
        });
        assertThat(closed.await(limit.toMillis(), TimeUnit.MILLISECONDS))
            .as("Ex02: close() did not return within %d s, with no unit running: it waits for a pool that was never told to stop "
                + "(awaitTermination on a pool that was not shut down waits its whole timeout, and the threads live on). "
                + "Hint: pool.close() (Java 19+), or shutdown() then awaitTermination(...)", limit.toSeconds())
            .isTrue();
    }

    /** Runs {@link PoolSizeCheck} in a child JVM that sees {@code cores} cores; returns its output lines. */
    private static List<String> runInJvmWithCores(int cores) throws IOException, InterruptedException, URISyntaxException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        // The runner under test first (a course check may load it from a folder of its own), then the rest.
        List<String> classPath = new ArrayList<>();
        for (Class<?> needed : List.of(Ex02_FixedPoolRunner.class, ScenarioRunner.class, PoolSizeCheck.class)) {
            CodeSource source = needed.getProtectionDomain().getCodeSource();
            if (source != null && source.getLocation() != null) {
                classPath.add(Path.of(source.getLocation().toURI()).toString());
            }
        }
        classPath.add(System.getProperty("java.class.path"));
        Process child = new ProcessBuilder(java, "-XX:ActiveProcessorCount=" + cores, "-cp", String.join(File.pathSeparator, classPath),
            PoolSizeCheck.class.getName())
            .redirectErrorStream(true)
            .start();
        if (!child.waitFor(25, TimeUnit.SECONDS)) {
            child.destroyForcibly().waitFor();
        }
        return List.of(new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8).split("\\R"));
    }

    @Test
    @Tag("contract:errors")
    @org.junit.jupiter.api.Timeout(value = 30, unit = java.util.concurrent.TimeUnit.SECONDS) // three scenarios, each given 8 s
    @DisplayName("a unit that throws makes the call throw, in every scenario")
    void aFailingUnitFailsTheCall() throws Exception {
        try (ScenarioRunner runner = new Ex02_FixedPoolRunner()) {
            aFailingUnitFailsEachScenario(runner);
        }
    }

    private static void aFailingUnitFailsEachScenario(ScenarioRunner runner) throws Exception {
        IllegalStateException failure = new IllegalStateException("unit 7 failed");
        Probes.assertAFailingUnitFailsTheCall("Ex02", "spawn(20 units)", () -> runner.spawn(20, Probes.failingAt(7, failure)), failure,
            "invokeAll's futures rethrow a unit's failure from get(): let it reach the caller");
        Probes.assertAFailingUnitFailsTheCall("Ex02", "waitThen(20 units)",
            () -> runner.waitThen(20, Probes.PAUSE, Probes.failingAt(7, failure)), failure, "invokeAll's futures rethrow a unit's failure from get(): let it reach the caller");
        Probes.assertAFailingUnitFailsTheCall("Ex02", "compute(20 units)", () -> runner.compute(20, Probes.failingAt(7, failure)), failure,
            "invokeAll's futures rethrow a unit's failure from get(): let it reach the caller");
    }

    @Test
    @Tag("contract:lifecycle")
    @DisplayName("close() waits for the units still running, without interrupting them")
    void closeWaitsForUnitsInFlight() throws Exception {
        ScenarioRunner closing = new Ex02_FixedPoolRunner();
        java.util.concurrent.CountDownLatch started = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.CountDownLatch mayFinish = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.atomic.AtomicBoolean interrupted = new java.util.concurrent.atomic.AtomicBoolean();
        java.util.concurrent.CompletableFuture<List<String>> spawned = new java.util.concurrent.CompletableFuture<>();
        Thread closer = null;
        Thread.ofPlatform().daemon().name("ex02-caller").start(() -> {
            try {
                spawned.complete(closing.spawn(1, id -> {
                    started.countDown();
                    try {
                        mayFinish.await(5, java.util.concurrent.TimeUnit.SECONDS);
                    } catch (InterruptedException cutOff) {
                        interrupted.set(true);
                        return "interrupted";
                    }
                    return "done";
                }));
            } catch (Throwable e) {
                spawned.completeExceptionally(e);
            }
        });
        try {
            assertThat(started.await(5, java.util.concurrent.TimeUnit.SECONDS)).as("Ex02: the unit started").isTrue();
            java.util.concurrent.CountDownLatch closed = new java.util.concurrent.CountDownLatch(1);
            closer = Thread.ofPlatform().daemon().name("ex02-closer").start(() -> {
                closing.close();
                closed.countDown();
            });
            boolean returnedAtOnce = closed.await(500, java.util.concurrent.TimeUnit.MILLISECONDS);
            assertThat(interrupted)
                .as("Ex02: close() interrupted a unit that was still running (shutdownNow()): a benchmark's last units are cut "
                    + "off and their results lost. Hint: pool.close() (or shutdown() then awaitTermination) lets them finish")
                .isFalse();
            assertThat(returnedAtOnce)
                .as("Ex02: close() returned while a unit was still running on the pool: shutdown() alone stops new units but "
                    + "does not wait, so the pool's threads are still at work after close(). Hint: pool.close() waits (Java 19+), "
                    + "or shutdown() then awaitTermination(...)")
                .isFalse();
            mayFinish.countDown();
            assertThat(closed.await(5, java.util.concurrent.TimeUnit.SECONDS))
                .as("Ex02: close() did not return within 5 s of the last unit's end: it waits for a pool that was never told to "
                    + "stop (awaitTermination on a pool that was not shut down waits its whole timeout). Hint: pool.close() (Java "
                    + "19+), or shutdown() then awaitTermination(...)")
                .isTrue();
            assertThat(spawned.get(5, java.util.concurrent.TimeUnit.SECONDS)).as("Ex02: the unit in flight still delivers its result")
                .containsExactly("done");
        } finally {
            mayFinish.countDown();
            if (closer == null) {
                closeWithin(closing, Duration.ofSeconds(5)); // the test stopped before the closer ran: end the pool here
            }
        }
    }
}
