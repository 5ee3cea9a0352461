// Wrong: an async lock released by hand after an approval and after a decline, but not when the fraud check itself fails: one outage locks the account for good
// Caught by: aFailedFraudCheckReleasesTheLock
package course.pitfalls.eventloop;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

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

    public Future<Long> withdraw(long amount) {
        return vertx.sharedData().getLocalLock(lockName).compose(lock -> {
            long before = balance;
            return fraudCheck.apply(amount).map(approved -> {
                if (!approved) {
                    lock.release(); // declined: give the account back
                    throw new IllegalStateException("withdrawal of " + amount + " declined");
                }
                balance = before - amount;
                lock.release();
                return balance;
            });
        });
    }

    public long balance() {
        return balance;
    }
}
