// Wrong: the async lock covers the check and the write but not the read of the balance, so two withdrawals still start from the same balance
// Caught by: noLostUpdateOnOneLoop
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
        long before = balance;
        return vertx.sharedData().withLocalLock(lockName, () -> fraudCheck.apply(amount).map(approved -> {
            if (!approved) {
                throw new IllegalStateException("withdrawal of " + amount + " declined");
            }
            balance = before - amount;
            return balance;
        }));
    }

    public long balance() {
        return balance;
    }
}
