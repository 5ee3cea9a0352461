package course.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import course.benchmarks.Ex06_PingPong.Rally;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Ex06 · Ping-pong: the cost of one switch")
class Ex06_PingPongTest {

    private static final int EXCHANGES = 1000;

    @Test
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
    @DisplayName("two virtual threads pass the ball 2,000 times")
    void virtualThreadsRally() throws Exception {
        Rally rally = Ex06_PingPong.virtualThreads(EXCHANGES);

        assertThat(rally.ball()).as("Ex06: each of the 2 x %d passes adds one to the ball", EXCHANGES).isEqualTo(2L * EXCHANGES);
        assertThat(rally.ping()).as("Ex06: ping and pong are two different virtual threads").isNotNull().isNotSameAs(rally.pong());
        assertThat(rally.ping().isVirtual() && rally.pong().isVirtual()).as("Ex06: virtualThreads should rally virtual threads").isTrue();
    }

    @Test
    @DisplayName("betweenThreads starts its players from the builder it is given")
    void betweenThreadsUsesTheBuilder() throws Exception {
        Rally rally = Ex06_PingPong.betweenThreads(Thread.ofPlatform().name("player-", 0), 10);

        assertThat(rally.ball()).as("Ex06: 10 exchanges are 20 passes").isEqualTo(20L);
        assertThat(rally.ping().getName() + "," + rally.pong().getName())
            .as("Ex06: both players should come from the builder passed in. Hint: threads.start(...), not Thread.ofPlatform()")
            .isEqualTo("player-0,player-1");
    }

    @Test
    @DisplayName("on an event loop both units are tasks on the same thread: no thread switch at all")
    void eventLoopRally() throws Exception {
        Vertx vertx = Vertx.vertx();
        try {
            AtomicInteger tasks = new AtomicInteger();
            Rally rally = Ex06_PingPong.eventLoop(countingTasks(vertx, tasks), EXCHANGES);

            assertThat(rally.ball()).as("Ex06: each of the 2 x %d passes adds one to the ball. Hint: ping and pong each do ball++", EXCHANGES)
                .isEqualTo(2L * EXCHANGES);
            assertThat(rally.ping()).as("Ex06: ping and pong should both run on the one event-loop thread of the context. "
                    + "Hint: loop.runOnContext(...) for every pass")
                .isNotNull().isSameAs(rally.pong());
            assertThat(rally.ping().getName()).as("Ex06: the rally should run on an event loop, not on the caller's thread")
                .startsWith("vert.x-eventloop-thread");
            assertThat(tasks.get()).as("Ex06: every pass should be its own event-loop task, so the rally measures a task switch; "
                    + "a loop of ball++ inside one task measures nothing. Hint: take loop = vertx.getOrCreateContext() once; ping and pong each schedule the other with loop.runOnContext(...)")
                .isGreaterThanOrEqualTo(2 * EXCHANGES);
        } finally {
            vertx.close().await();
        }
    }

    /**
     * The same Vert.x, except that it counts the tasks scheduled with runOnContext, on it or on
     * any context it hands out.
     */
    private static Vertx countingTasks(Vertx vertx, AtomicInteger tasks) {
        return countingProxy(Vertx.class, vertx, tasks);
    }

    private static <T> T countingProxy(Class<T> type, T target, AtomicInteger tasks) {
        InvocationHandler handler = (proxy, method, args) -> {
            if (method.getName().equals("runOnContext")) {
                tasks.incrementAndGet();
            }
            Object result;
            try {
                result = method.invoke(target, args);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
            return result instanceof Context context ? countingProxy(Context.class, context, tasks) : result;
        };
        return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, handler));
    }
}
