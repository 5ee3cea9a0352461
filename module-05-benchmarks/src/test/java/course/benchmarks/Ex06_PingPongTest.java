package course.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import course.benchmarks.Ex06_PingPong.Rally;
import course.benchmarks.support.CountingVertx;
import course.benchmarks.support.Probes;
import io.vertx.core.Vertx;
import java.time.Duration;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@DisplayName("Ex06 · Ping-pong: the cost of one switch")
class Ex06_PingPongTest {

    private static final int EXCHANGES = 1000;

    @Test
    @Tag("contract:values")
    @Tag("contract:placement")
    @Tag("contract:lifecycle")
    @DisplayName("two platform threads pass the ball 2,000 times")
    void platformThreadsRally() throws Exception {
        Rally rally = Ex06_PingPong.platformThreads(EXCHANGES);

        assertThat(rally.ball()).as("Ex06: each of the 2 x %d passes adds one to the ball. Hint: ping puts ball + 1, pong puts take() + 1", EXCHANGES)
            .isEqualTo(2L * EXCHANGES);
        assertThat(rally.ping()).as("Ex06: ping and pong are two different threads, neither of them the caller. Hint: threads.start(...) twice")
            .isNotNull().isNotSameAs(rally.pong()).isNotSameAs(Thread.currentThread());
        assertThat(rally.pong()).isNotNull().isNotSameAs(Thread.currentThread());
        assertThat(rally.ping().isVirtual() || rally.pong().isVirtual()).as("Ex06: platformThreads should rally platform threads").isFalse();
        assertThat(rally.ping().isAlive() || rally.pong().isAlive()).as("Ex06: return only after both players have ended. Hint: join both").isFalse();
    }

    @Test
    @Tag("contract:values")
    @Tag("contract:placement")
    @DisplayName("two virtual threads pass the ball 2,000 times")
    void virtualThreadsRally() throws Exception {
        Rally rally = Ex06_PingPong.virtualThreads(EXCHANGES);

        assertThat(rally.ball()).as("Ex06: each of the 2 x %d passes adds one to the ball", EXCHANGES).isEqualTo(2L * EXCHANGES);
        assertThat(rally.ping()).as("Ex06: ping and pong are two different virtual threads").isNotNull().isNotSameAs(rally.pong());
        assertThat(rally.ping().isVirtual() && rally.pong().isVirtual()).as("Ex06: virtualThreads should rally virtual threads").isTrue();
    }

    @Test
    @Tag("contract:state")
    @Timeout(value = 30, unit = java.util.concurrent.TimeUnit.SECONDS)
    @DisplayName("two rallies at once keep their own ball: nothing is shared between calls")
    void twoRalliesAtOnceKeepTheirOwnBall() throws Exception {
        java.util.concurrent.CompletableFuture<Rally> longRally = new java.util.concurrent.CompletableFuture<>();
        Thread.ofPlatform().daemon().name("ex06-long-rally-caller").start(() -> {
            try {
                longRally.complete(Ex06_PingPong.betweenThreads(Thread.ofPlatform().daemon().name("ex06-long-", 0), 1_000_000));
            } catch (Throwable e) {
                longRally.completeExceptionally(e);
            }
        });
        java.util.function.Supplier<java.util.List<Thread>> longPlayers = () -> Thread.getAllStackTraces().keySet().stream()
            .filter(t -> t.getName().startsWith("ex06-long-") && !t.getName().endsWith("caller")).toList();
        try {
            // The short rally runs while the long one's players pass: queues that both rallies share would hand the
            // long rally's balls to the short one's players (200 passes: never all missed).
            boolean longPlayersThere = Probes.eventually(Duration.ofSeconds(5), () -> longRally.isDone() || longPlayers.get().size() == 2);
            if (longRally.isCompletedExceptionally()) longRally.get();
            assertThat(longPlayersThere).as("Ex06: the long rally's two players should start within 5 s").isTrue();
            Rally shortRally = Ex06_PingPong.betweenThreads(Thread.ofPlatform().daemon().name("ex06-short-", 0), 200);
            assertThat(longRally.isDone()).as("Ex06: a rally of 1,000,000 exchanges ended before one of 200 beside it").isFalse();
            assertThat(shortRally.ball()).as("Ex06: a rally of 200 exchanges run beside another rally ended with ball %d, not 400: the "
                    + "two rallies passed balls to each other. Hint: each call makes its own queues (no static field holds a rally's state)",
                    shortRally.ball())
                .isEqualTo(400L);
        } finally {
            longPlayers.get().forEach(Thread::interrupt);     // a player interrupted ends its rally: nothing runs on after the test
            Probes.eventually(Duration.ofSeconds(10), longRally::isDone);
        }
    }

    @Test
    @Tag("contract:placement")
    @DisplayName("betweenThreads starts its players from the builder it is given")
    void betweenThreadsUsesTheBuilder() throws Exception {
        Rally rally = Ex06_PingPong.betweenThreads(Thread.ofPlatform().name("player-", 0), 10);

        assertThat(rally.ball()).as("Ex06: 10 exchanges are 20 passes").isEqualTo(20L);
        assertThat(rally.ping().getName() + "," + rally.pong().getName())
            .as("Ex06: both players should come from the builder passed in. Hint: threads.start(...), not Thread.ofPlatform()")
            .isEqualTo("player-0,player-1");
    }

    @Test
    @Tag("contract:placement")
    @Tag("contract:event-loop")
    @Timeout(value = 20, unit = java.util.concurrent.TimeUnit.SECONDS) // room for the 6 s the rally is given, and a busy machine's Vert.x start
    @DisplayName("on an event loop both units are tasks on the same thread: no thread switch at all")
    void eventLoopRally() throws Exception {
        Vertx vertx = Vertx.vertx();
        try {
            CountingVertx counting = new CountingVertx(vertx);
            Rally rally = Probes.within(Duration.ofSeconds(6), () -> Ex06_PingPong.eventLoop(counting.vertx(), EXCHANGES),
                () -> String.format("Ex06: %d passes on one event loop did not end within 6 s, where a pass is a task switch of well "
                    + "under a microsecond. %s", 2 * EXCHANGES, counting.calls("setTimer", "timer") > 0
                    ? counting.calls("setTimer", "timer") + " passes waited on timers, each at least a millisecond on the loop's clock: "
                        + "the rally would measure the timer, not a switch. Hint: hand the ball on as a task that runs as soon as the loop is free"
                    : "Hint: every pass must schedule the next one, and the last must complete the caller's promise"));

            assertThat(rally.ball()).as("Ex06: each of the 2 x %d passes adds one to the ball. Hint: ping and pong each do ball++", EXCHANGES)
                .isEqualTo(2L * EXCHANGES);
            assertThat(rally.ping()).as("Ex06: ping and pong should be tasks on the one event-loop thread of ONE context, but they ran "
                    + "on %s and %s: a hand-off between two threads is what the thread rallies measure. Hint: both players on one context "
                    + "(two verticles, for example, get two contexts on two event loops)",
                    rally.ping(), rally.pong())
                .isNotNull().isSameAs(rally.pong());
            assertThat(rally.ping().getName()).as("Ex06: the rally should run on an event loop, but ran on %s. Hint: the players are "
                    + "event-loop tasks, not worker jobs (executeBlocking) nor the caller's code", rally.ping().getName())
                .startsWith("vert.x-eventloop-thread");
            int timers = counting.calls("setTimer", "timer");
            assertThat(timers).as("Ex06: the passes were scheduled with %d timers: a timer fires on the loop's clock (1 ms at best), so "
                    + "the rally would measure the timer, not a task switch. Hint: hand the ball on as a task that runs as soon as the loop is free",
                    timers)
                .isZero();
            int tasks = counting.calls("runOnContext");
            assertThat(tasks).as("Ex06: %d passes should each be their own event-loop task, but %d task(s) were scheduled: a loop of "
                    + "ball++ inside one task measures nothing. Hint: ping and pong each schedule the other on the context, once per pass",
                    2 * EXCHANGES, tasks)
                .isGreaterThanOrEqualTo(2 * EXCHANGES);
        } finally {
            vertx.close().await();
        }
    }

    @Test
    @Tag("contract:placement")
    @Tag("contract:concurrency")
    @Timeout(value = 30, unit = java.util.concurrent.TimeUnit.SECONDS)
    @DisplayName("a player waiting for the ball parks: the rally measures hand-offs, not two busy loops")
    void waitingPlayersPark() throws Exception {
        String prefix = "ex06-watched-player-";
        java.util.concurrent.CompletableFuture<Rally> rally = new java.util.concurrent.CompletableFuture<>();
        Thread.ofPlatform().daemon().name("ex06-rally-caller").start(() -> {
            try {
                rally.complete(Ex06_PingPong.betweenThreads(Thread.ofPlatform().daemon().name(prefix, 0), 20_000));
            } catch (Throwable e) {
                rally.completeExceptionally(e);
            }
        });
        // Watch the players' states while they rally: a player that waits for the ball should be parked (WAITING).
        long samples = 0;
        long parked = 0;
        java.util.Set<Thread> players = new java.util.HashSet<>();
        long giveUpAt = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(20);
        long watchedSince = 0;
        while (!rally.isDone() && System.nanoTime() < giveUpAt) {
            if (players.size() < 2) {
                for (Thread thread : Thread.getAllStackTraces().keySet()) {
                    if (thread.getName().startsWith(prefix)) {
                        players.add(thread);
                    }
                }
                watchedSince = System.nanoTime();
                continue;
            }
            for (Thread player : players) {
                Thread.State state = player.getState();
                if (state != Thread.State.TERMINATED && state != Thread.State.NEW) {
                    samples++;
                    if (state == Thread.State.WAITING || state == Thread.State.TIMED_WAITING || state == Thread.State.BLOCKED) {
                        parked++;
                    }
                }
            }
            // 3 s of rally watched and never a parked player: they spin. Say so now, not after the spinning rally ends,
            // which on a loaded machine can outlast the test's time limit (a bare timeout teaches nothing).
            if (parked == 0 && System.nanoTime() - watchedSince > java.util.concurrent.TimeUnit.SECONDS.toNanos(3)) break;
        }
        if (rally.isCompletedExceptionally()) rally.get();      // the rally's own failure first (a starter's "not implemented")
        assertThat(parked)
            .as("Ex06: the two players were sampled %d times while they rallied and were never parked: a player waiting for "
                + "the ball spins (a volatile field and a busy loop) instead of blocking, so each holds a core the whole "
                + "time and the rally measures two busy loops, not what a hand-off between threads costs. Hint: hand the "
                + "ball over through a blocking queue (SynchronousQueue put/take): a waiting player parks", samples)
            .isPositive();
        Rally done = rally.get(20, java.util.concurrent.TimeUnit.SECONDS);
        assertThat(done.ball()).as("Ex06: 20,000 exchanges are 40,000 passes").isEqualTo(40_000L);
    }
}
