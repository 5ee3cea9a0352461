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
        // TODO: symptoms: balances that lose withdrawals under load, and, once a callback runs on
        //  another thread, IllegalMonitorStateException in the logs and then requests that hang for ever.
        //  The lock belongs to this thread, but the callback that releases it runs later, maybe elsewhere.
        //  Repair: hold an async lock for the whole operation: vertx.sharedData().withLocalLock(name, () -> ...)
        //  (one lock name per account), read the balance inside it, and drop the ReentrantLock.
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
