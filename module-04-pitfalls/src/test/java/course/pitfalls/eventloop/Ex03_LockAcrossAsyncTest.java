package course.pitfalls.eventloop;

import static java.util.concurrent.TimeUnit.MILLISECONDS;
import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import course.pitfalls.support.EventLoopLaws;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

@DisplayName("Ex03 · A lock held across an async boundary")
@ExtendWith(VertxExtension.class)
class Ex03_LockAcrossAsyncTest {

    /** A fraud check that answers "approved" a little later, on a timer. */
    private static Function<Long, Future<Boolean>> approvesAfterAMoment(Vertx vertx) {
        return amount -> vertx.timer(20, MILLISECONDS).map(fired -> true);
    }

    @Test
    @DisplayName("two withdrawals on one event loop do not lose an update")
    void noLostUpdateOnOneLoop(Vertx vertx) throws Exception {
        var account = new Ex03_LockAcrossAsync(vertx, 100, approvesAfterAMoment(vertx));
        Context loop = vertx.getOrCreateContext();
        CompletableFuture<List<Long>> balancesAfter = new CompletableFuture<>();

        // Both requests arrive in the same turn of the loop, before either fraud check answers.
        loop.runOnContext(v -> {
            Future<Long> first = account.withdraw(30);
            Future<Long> second = account.withdraw(50);
            Future.all(first, second).onComplete(
                both -> balancesAfter.complete(List.of(first.result(), second.result())),
                balancesAfter::completeExceptionally);
        });

        List<Long> balances = null;
        try {
            balances = balancesAfter.get(2, SECONDS);
        } catch (TimeoutException stuck) {
            fail("Ex03: the two withdrawals had not both finished after 2 s (each takes about 20 ms): the second is still "
                + "waiting for a lock the first never gave back. Hint: withLocalLock(name, () -> future) releases the lock "
                + "itself when that future completes; with getLocalLock you must call release() on every path");
        }
        assertThat(account.balance())
            .as("Ex03: lost update: withdrawing 30 then 50 from 100 left %d (the two calls returned %s), not 20. "
                + "Both read the balance before either wrote it (a ReentrantLock cannot stop that: the event-loop thread re-enters its own lock). "
                + "Hint: vertx.sharedData().withLocalLock(name, () -> ...) around the read, the check and the write", account.balance(), balances)
            .isEqualTo(20);
        assertThat(balances).as("Ex03: each withdrawal returns the balance it left").containsExactly(70L, 20L);
    }

    @Test
    @DisplayName("a withdrawal from another thread is not locked out for ever")
    void noDeadlockAcrossThreads(Vertx vertx) throws Exception {
        var account = new Ex03_LockAcrossAsync(vertx, 100, approvesAfterAMoment(vertx));

        // The first withdrawal is made from this (test) thread; its fraud check answers on an event loop.
        long afterFirst = account.withdraw(10).toCompletionStage().toCompletableFuture().get(2, SECONDS);

        // The second comes from another thread. A daemon, so a starter that never lets it go cannot hold up the JVM.
        CompletableFuture<Long> second = new CompletableFuture<>();
        Thread.ofPlatform().daemon().name("ex03-second-caller").start(() ->
            account.withdraw(20).onComplete(second::complete, second::completeExceptionally));
        try {
            second.get(2, SECONDS);
        } catch (TimeoutException deadlock) {
            fail("Ex03: deadlock: the second withdrawal was still waiting for the lock after 2 s: the first never gave it "
                + "back. A ReentrantLock taken on the caller's thread cannot be released in a callback on an event-loop "
                + "thread (IllegalMonitorStateException), so nobody can take it again. Hint: an async lock, "
                + "vertx.sharedData().withLocalLock(...), is released by the operation, whatever thread finishes it");
        }
        assertThat(afterFirst).as("Ex03: 100 - 10").isEqualTo(90);
        assertThat(account.balance()).as("Ex03: 100 - 10 - 20").isEqualTo(70);
    }

    @Test
    @Timeout(value = 30, unit = SECONDS) // the first ArchUnit import loads a large library: seconds on a busy machine
    @DisplayName("law: event-loop code never takes a thread's lock")
    void obeysTheNoThreadLockLaw() {
        EventLoopLaws.assertObeyed("Ex03", EventLoopLaws.NEVER_TAKES_A_THREAD_LOCK, Ex03_LockAcrossAsync.class,
            "Hint: an async lock (sharedData().withLocalLock) or confinement to one context, never a ReentrantLock.");
    }
}
