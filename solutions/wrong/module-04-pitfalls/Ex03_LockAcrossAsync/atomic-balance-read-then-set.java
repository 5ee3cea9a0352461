// Wrong: an AtomicLong balance, read before the async check and set after it: each step is atomic, the withdrawal is not
// Caught by: noLostUpdateOnOneLoop
package course.pitfalls.eventloop;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

public final class Ex03_LockAcrossAsync {

    private final Vertx vertx;
    private final Function<Long, Future<Boolean>> fraudCheck;
    private final AtomicLong balance;

    public Ex03_LockAcrossAsync(Vertx vertx, long openingBalance, Function<Long, Future<Boolean>> fraudCheck) {
        this.vertx = vertx;
        this.balance = new AtomicLong(openingBalance);
        this.fraudCheck = fraudCheck;
    }

    public Future<Long> withdraw(long amount) {
        long before = balance.get();
        return fraudCheck.apply(amount).map(approved -> {
            if (!approved) {
                throw new IllegalStateException("withdrawal of " + amount + " declined");
            }
            balance.set(before - amount);
            return before - amount;
        });
    }

    public long balance() {
        return balance.get();
    }
}
