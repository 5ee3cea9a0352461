package course.mixed;

import static org.assertj.core.api.Assertions.assertThat;

import course.mixed.support.EventLoopLag;
import course.mixed.support.OnContext;
import course.mixed.support.PoolWatch;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@DisplayName("Ex01 · Hash a password off the event loop with executeBlocking")
class Ex01_HashOffTheLoopTest {

    private static final int HASHES = 4;

    private final PoolWatch pools = new PoolWatch();
    private Vertx vertx;

    @BeforeAll
    static void warmUpTheJit() {
        // The first PBKDF2 calls run in the interpreter and take several times longer.
        IntStream.range(0, 3).forEach(i -> Pbkdf2.hash("warm-up"));
    }

    @BeforeEach
    void startVertx() {
        vertx = pools.vertx(new VertxOptions());
    }

    @AfterEach
    void closeVertx() throws Exception {
        vertx.close().await(5, TimeUnit.SECONDS);
    }

    @Tag("contract:values")
    @Tag("contract:placement")
    @Tag("contract:event-loop")
    @Test
    @DisplayName("the hash is right and arrives later, from Vert.x's worker pool, back on the caller's event loop")
    void returnsAPendingFutureWithTheRightHash() throws Exception {
        Context loop = vertx.getOrCreateContext();
        Thread loopThread = OnContext.call(loop, () -> Future.succeededFuture(Thread.currentThread())).await(5, TimeUnit.SECONDS);
        AtomicBoolean doneBeforeReturning = new AtomicBoolean();
        AtomicReference<Thread> callbackThread = new AtomicReference<>();
        int workerJobsBefore = pools.jobsStarted(PoolWatch.SHARED_POOL);

        String hash = OnContext.call(loop, () -> {
            Future<String> future = Ex01_HashOffTheLoop.hashPassword(vertx, "correct horse");
            doneBeforeReturning.set(future.isComplete());
            return future.andThen(done -> callbackThread.set(Thread.currentThread()));
        }).await(5, TimeUnit.SECONDS);

        assertThat(doneBeforeReturning)
            .as("Ex01: hashPassword returned a future that was already complete, so the hash was computed on the "
                + "event loop before returning. The CPU work must run somewhere else while the loop carries on")
            .isFalse();
        assertThat(hash)
            .as("Ex01: the future should complete with Pbkdf2.hash(password)")
            .isEqualTo(Pbkdf2.hash("correct horse"));
        assertThat(callbackThread.get())
            .as("Ex01: the future's callbacks ran on %s, not on the caller's event loop (%s). A handler that continues "
                + "from this future would then touch its verticle's state from a foreign thread. A future from "
                + "CompletableFuture or a bare Promise completes wherever the work ends; Vert.x's own way of handing "
                + "work to its workers brings the result back to the caller's context",
                callbackThread.get(), loopThread.getName())
            .isSameAs(loopThread);
        assertThat(pools.jobsStarted(PoolWatch.SHARED_POOL) - workerJobsBefore)
            .as("Ex01: Vert.x's worker pool (%s-N) ran no job, so the hash ran on threads of your own. Vert.x cannot "
                + "see or bound those: no blocked-thread warnings, no limit on how many, nothing closes them with "
                + "Vert.x. Hand the work to Vert.x's worker pool", PoolWatch.SHARED_POOL)
            .isPositive();
    }

    @Tag("contract:placement")
    @Tag("contract:concurrency")
    @Tag("contract:event-loop")
    @Test
    @Timeout(30)   // 16 hashes in all, half of them on purpose on the loop: seconds on a heavily loaded 2-core machine
    @DisplayName("while four passwords are hashed, the event loop stays free: no hashing CPU, timers on time")
    void eventLoopStaysFree() throws Exception {
        Context loop = vertx.getOrCreateContext();
        List<String> passwords = IntStream.range(0, HASHES).mapToObj(i -> "password-" + i).toList();
        Supplier<Future<?>> naive = () -> {          // the same hashes computed right there in the handler
            passwords.forEach(Pbkdf2::hash);
            return Future.succeededFuture();
        };
        Supplier<Future<?>> yours = () -> Future.all(passwords.stream().map(p -> Ex01_HashOffTheLoop.hashPassword(vertx, p)).toList());

        // What a timer on the same loop suffers (the evidence), then what the loop thread itself computes (the proof).
        var naiveLag = EventLoopLag.whileRunning(vertx, loop, naive);
        var yourLag = EventLoopLag.whileRunning(vertx, loop, yours);
        long naiveCpu = EventLoopLag.loopCpuMillisWhileRunning(loop, naive);
        long yourCpu = EventLoopLag.loopCpuMillisWhileRunning(loop, yours);

        System.out.printf("Ex01: hashing %d passwords; worst lag of a 5 ms timer on the same event loop: %d ms when hashing on "
            + "the loop, %d ms with your hashPassword (event-loop CPU: %d ms vs %d ms)%n",
            HASHES, naiveLag.maxLagMillis(), yourLag.maxLagMillis(), naiveCpu, yourCpu);
        assertThat(yourCpu)
            .as("Ex01: the event-loop thread itself spent %d ms of CPU on your %d hashes (doing them on the loop: %d ms), "
                + "and a 5 ms timer on it ran up to %d ms late (on the loop: %d ms). Expected under half that CPU: "
                + "the hashing itself must not run on the loop, not even before you hand over its result",
                yourCpu, HASHES, naiveCpu, yourLag.maxLagMillis(), naiveLag.maxLagMillis())
            .isLessThan(naiveCpu / 2);
    }

    @Test
    @Tag("contract:lifecycle")
    @Tag("contract:state")
    @DisplayName("four hashes, one after another, leave no worker pool of their own behind")
    void hashesLeaveNoPoolBehind() throws Exception {
        Context loop = vertx.getOrCreateContext();
        for (int i = 0; i < HASHES; i++) {
            String password = "password-" + i;
            assertThat(OnContext.call(loop, () -> Ex01_HashOffTheLoop.hashPassword(vertx, password)).await(10, TimeUnit.SECONDS))
                .as("Ex01: the future should complete with Pbkdf2.hash(password)")
                .isEqualTo(Pbkdf2.hash(password));
        }
        List<String> leftOpen = pools.all().stream()
            .filter(pool -> !pool.name().startsWith("vert.x-") && !pool.closed())
            .map(PoolWatch.Pool::toString)
            .toList();
        assertThat(leftOpen)
            .as("Ex01: %d hashes left %d worker pool(s) of their own open (%s): each call created a pool (and its "
                + "threads) that nobody closes, so a service leaks threads with every password it hashes. Hint: hand the "
                + "work to the worker pool Vert.x already has, vertx.executeBlocking(...)", HASHES, leftOpen.size(), leftOpen)
            .isEmpty();
    }
}
