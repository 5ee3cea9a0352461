// Wrong: synchronized guards only the read and the call that starts the check; the write happens later in a callback, outside it
// Caught by: noLostUpdateOnOneLoop
package course.pitfalls.eventloop;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.function.Function;

public final class Ex03_LockAcrossAsync {

    private final Vertx vertx;
    private final Function<Long, Future<Boolean>> fraudCheck;
    private volatile long balance;

    public Ex03_LockAcrossAsync(Vertx vertx, long openingBalance, Function<Long, Future<Boolean>> fraudCheck) {
        this.vertx = vertx;
        this.balance = openingBalance;
        this.fraudCheck = fraudCheck;
    }

    public Future<Long> withdraw(long amount) {
        long before;
        Future<Boolean> check;
        synchronized (this) {
            before = balance;
            check = fraudCheck.apply(amount);
        }
        return check.map(approved -> {
            if (!approved) {
                throw new IllegalStateException("withdrawal of " + amount + " declined");
            }
            synchronized (this) {
                balance = before - amount;
                return balance;
            }
        });
    }

    public long balance() {
        return balance;
    }
}
