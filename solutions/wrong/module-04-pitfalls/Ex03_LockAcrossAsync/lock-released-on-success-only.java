// Wrong: half-repair: an async lock, released only when the withdrawal succeeds; a declined one keeps it for ever
// Caught by: aDeclinedWithdrawalReleasesTheLock
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
                    throw new IllegalStateException("withdrawal of " + amount + " declined");
                }
                balance = before - amount;
                return balance;
            }).onSuccess(done -> lock.release());
        });
    }

    public long balance() {
        return balance;
    }
}
