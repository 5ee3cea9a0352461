package course.pitfalls.eventloop;

import static java.util.concurrent.TimeUnit.MILLISECONDS;
import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import course.pitfalls.support.EventLoopLaws;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
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
    @Tag("contract:values")
    @Tag("contract:concurrency")
    @Tag("contract:state")
    @Tag("contract:event-loop")
    @DisplayName("two withdrawals on one event loop do not lose an update, and do not hold up another account")
    void noLostUpdateOnOneLoop(Vertx vertx) throws Exception {
        Context loop = vertx.getOrCreateContext();
        // Account B's fraud check starts, and says so.
        Promise<Void> otherAccountChecking = Promise.promise();
        var other = new Ex03_LockAcrossAsync(vertx, 100, amount -> {
            otherAccountChecking.tryComplete();
            return vertx.timer(20, MILLISECONDS).map(fired -> true);
        });
        // Account A's first check answers only once B's check is under way (or after 2 s): two accounts
        // must not wait for each other. Its later checks answer after 20 ms.
        AtomicBoolean firstCheck = new AtomicBoolean(true);
        AtomicBoolean accountsOverlapped = new AtomicBoolean(true);
        var account = new Ex03_LockAcrossAsync(vertx, 100, amount -> {
            if (!firstCheck.getAndSet(false)) {
                return vertx.timer(20, MILLISECONDS).map(fired -> true);
            }
            Promise<Boolean> answer = Promise.promise();
            otherAccountChecking.future().onSuccess(started -> answer.tryComplete(true));
            vertx.setTimer(2_000, id -> {
                if (answer.tryComplete(true)) {
                    accountsOverlapped.set(false);
                }
            });
            return answer.future();
        });
        CompletableFuture<List<Long>> balancesAfter = new CompletableFuture<>();

        // All three requests arrive in the same turn of the loop, before any fraud check answers.
        loop.runOnContext(v -> {
            Future<Long> first = account.withdraw(30);
            Future<Long> second = account.withdraw(50);
            Future<Long> elsewhere = other.withdraw(10);
            Future.all(first, second, elsewhere).onComplete(
                all -> balancesAfter.complete(List.of(first.result(), second.result(), elsewhere.result())),
                balancesAfter::completeExceptionally);
        });

        List<Long> balances = null;
        try {
            balances = balancesAfter.get(5, SECONDS);
        } catch (TimeoutException stuck) {
            fail("Ex03: the three withdrawals had not all finished after 5 s (each takes about 20 ms): one is still "
                + "waiting for a lock that was never given back. Hint: withLocalLock(name, () -> future) releases the lock "
                + "itself when that future completes; with getLocalLock you must call release() on every path");
        }
        assertThat(account.balance())
            .as("Ex03: lost update: withdrawing 30 then 50 from 100 left %d (the calls returned %s), not 20. Both read the "
                + "balance before either wrote it (a ReentrantLock cannot stop that: the event-loop thread re-enters its own "
                + "lock). Hint: an async lock, vertx.sharedData().withLocalLock(name, () -> ...), around the read, the "
                + "check and the write", account.balance(), balances)
            .isEqualTo(20);
        assertThat(balances).as("Ex03: each withdrawal returns the balance it left").containsExactly(70L, 20L, 90L);
        assertThat(accountsOverlapped)
            .as("Ex03: a withdrawal from another account waited until this account's withdrawal was done: every account "
                + "takes the same lock, so one slow fraud check holds up all of them. Hint: one lock name per account")
            .isTrue();
    }

    @Test
    @Tag("contract:errors")
    @DisplayName("a declined withdrawal does not keep the account locked")
    void aDeclinedWithdrawalReleasesTheLock(Vertx vertx) throws Exception {
        // Declines anything over 1,000, a moment later.
        var account = new Ex03_LockAcrossAsync(vertx, 100,
            amount -> vertx.timer(20, MILLISECONDS).map(fired -> amount <= 1_000));

        Throwable declined = account.withdraw(5_000).toCompletionStage().toCompletableFuture()
            .handle((balance, failure) -> failure).get(2, SECONDS);
        assertThat(declined).as("Ex03: a withdrawal the fraud check declines fails").isNotNull();

        // The next withdrawal, from another thread. A daemon, so a starter that never lets it go cannot hold up the JVM.
        CompletableFuture<Long> next = new CompletableFuture<>();
        Thread.ofPlatform().daemon().name("ex03-next-caller").start(() ->
            account.withdraw(30).onComplete(next::complete, next::completeExceptionally));
        try {
            assertThat(next.get(2, SECONDS)).as("Ex03: 100 - 30 (the declined one took nothing)").isEqualTo(70);
        } catch (TimeoutException lockedOut) {
            fail("Ex03: after a declined withdrawal, the next one was still waiting for the lock 2 s later: the lock is "
                + "given back only when a withdrawal succeeds (or by the thread that took it). A declined check fails the "
                + "future; the lock must be released on that path too. Hint: withLocalLock(name, () -> future) releases it "
                + "on every outcome, on whatever thread");
        }
    }

    @Test
    @Tag("contract:errors")
    @DisplayName("a withdrawal whose fraud check fails fails with that failure, and does not keep the account locked")
    void aFailedFraudCheckReleasesTheLock(Vertx vertx) throws Exception {
        IllegalStateException checkDown = new IllegalStateException("fraud service down");
        // The first check fails (the fraud service is down), a moment later; later checks approve.
        AtomicBoolean firstCheck = new AtomicBoolean(true);
        var account = new Ex03_LockAcrossAsync(vertx, 100, amount -> vertx.timer(20, MILLISECONDS)
            .compose(fired -> firstCheck.getAndSet(false) ? Future.<Boolean>failedFuture(checkDown) : Future.succeededFuture(true)));

        Throwable failed = account.withdraw(10).toCompletionStage().toCompletableFuture()
            .handle((balance, failure) -> failure).get(2, SECONDS);
        assertThat(failed)
            .as("Ex03: the fraud check failed, so the withdrawal should fail with that failure, not %s",
                failed == null ? "succeed" : failed)
            .isSameAs(checkDown);

        CompletableFuture<Long> next = new CompletableFuture<>();
        Thread.ofPlatform().daemon().name("ex03-after-outage").start(() ->
            account.withdraw(30).onComplete(next::complete, next::completeExceptionally));
        try {
            assertThat(next.get(2, SECONDS)).as("Ex03: 100 - 30 (the failed one took nothing)").isEqualTo(70);
        } catch (TimeoutException lockedOut) {
            fail("Ex03: after a withdrawal whose fraud check failed (the service was down), the next one was still waiting "
                + "for the lock 2 s later: the lock is given back after an approval and after a decline, but not when the "
                + "check's future fails, so one outage locks the account for good. Hint: withLocalLock(name, () -> future) "
                + "releases the lock on every outcome; with getLocalLock, release it in onComplete (or eventually(...))");
        }
    }

    @Test
    @Tag("contract:concurrency")
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
    @Tag("contract:event-loop")
    @Timeout(value = 60, unit = SECONDS) // the first ArchUnit import loads a large library: tens of seconds on a very busy machine
    @DisplayName("law: event-loop code never takes a thread's lock")
    void obeysTheNoThreadLockLaw() {
        EventLoopLaws.assertObeyed("Ex03", EventLoopLaws.NEVER_TAKES_A_THREAD_LOCK, Ex03_LockAcrossAsync.class,
            "Hint: an async lock (sharedData().withLocalLock) or confinement to one context, never a ReentrantLock.");
    }
}
