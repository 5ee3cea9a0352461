package course.pitfalls.eventloop;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;

/**
 * Ex03 · A lock held across an async boundary.
 *
 * <p>A {@code ReentrantLock} belongs to the thread that took it. Taken before an async call and
 * released in its callback, it protects nothing: on an event loop the same thread takes it again
 * for the next request (reentrant!) and both read the same balance; when the callback runs on
 * another thread, {@code unlock()} throws and the lock stays held for ever. The async world needs a
 * lock that belongs to the operation, not to a thread.
 */
public final class Ex03_LockAcrossAsync {

    private final Vertx vertx;
    private final Function<Long, Future<Boolean>> fraudCheck;
    private final ReentrantLock lock = new ReentrantLock();
    private volatile long balance;

    public Ex03_LockAcrossAsync(Vertx vertx, long openingBalance, Function<Long, Future<Boolean>> fraudCheck) {
        this.vertx = vertx;
        this.balance = openingBalance;
        this.fraudCheck = fraudCheck;
    }

    /** Asks the (async) fraud check, then takes {@code amount} off the balance; returns the new balance. */
    public Future<Long> withdraw(long amount) {
        // TODO: symptoms under load: withdrawals lost (two of them start from the same balance); and once
        //  a call comes from another thread, IllegalMonitorStateException in the logs, then withdrawals
        //  that hang for ever. Accounts must not wait for each other; a declined one changes nothing.
        lock.lock();
        long before = balance;
        return fraudCheck.apply(amount)
            .map(approved -> {
                if (!approved) {
                    throw new IllegalStateException("withdrawal of " + amount + " declined");
                }
                balance = before - amount;
                return balance;
            })
            .onComplete(done -> lock.unlock());
    }

    public long balance() {
        return balance;
    }
}
