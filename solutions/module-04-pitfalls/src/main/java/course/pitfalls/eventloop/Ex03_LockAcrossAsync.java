package course.pitfalls.eventloop;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

/**
 * Ex03 · A lock held across an async boundary.
 *
 * <p>A {@code ReentrantLock} belongs to the thread that took it. Taken before an async call and
 * released in its callback, it protects nothing: on an event loop the same thread takes it again
 * for the next request (reentrant!) and both read the same balance; when the callback runs on
 * another thread, {@code unlock()} throws and the lock stays held for ever. The async world needs a
 * lock that belongs to the operation, not to a thread.
 *
 * <p>Repaired: {@code sharedData().withLocalLock(...)} is Vert.x's async lock. Waiting for it
 * blocks no thread (the rest of the work is queued until the lock is free) and it is released when
 * the returned future completes, whichever thread completes it. The other repairs: do the
 * read-modify-write inside one callback with no lock at all, or confine the account to one context.
 */
public final class Ex03_LockAcrossAsync {

    private static final AtomicLong ACCOUNTS = new AtomicLong();

    private final Vertx vertx;
    private final Function<Long, Future<Boolean>> fraudCheck;
    private final String lockName = "ex03-account-" + ACCOUNTS.incrementAndGet();
    private volatile long balance;

    public Ex03_LockAcrossAsync(Vertx vertx, long openingBalance, Function<Long, Future<Boolean>> fraudCheck) {
        this.vertx = vertx;
        this.balance = openingBalance;
        this.fraudCheck = fraudCheck;
    }

    /** Asks the (async) fraud check, then takes {@code amount} off the balance; returns the new balance. */
    public Future<Long> withdraw(long amount) {
        // The lock is held from here until the returned future completes, on whatever thread.
        return vertx.sharedData().withLocalLock(lockName, () -> {
            long before = balance;
            return fraudCheck.apply(amount).map(approved -> {
                if (!approved) {
                    throw new IllegalStateException("withdrawal of " + amount + " declined");
                }
                balance = before - amount;
                return balance;
            });
        });
    }

    public long balance() {
        return balance;
    }
}
