// Wrong: one lock name for every account: values are right, but each account waits for withdrawals from all the others
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
        return vertx.sharedData().withLocalLock("ex03-account", () -> {
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
