package course.async.support;

import io.vertx.core.Vertx;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A {@link Vertx} that does everything the real one does and counts the timers started through it
 * ({@code timer}, {@code setTimer}, {@code setPeriodic}). This is how Ex02 tells 1,000 independent
 * waits from one timer whose result is copied 1,000 times: both end after about 10 ms, but only one
 * of them started 1,000 timers.
 */
public final class TimerCountingVertx implements InvocationHandler {

    private static final Set<String> TIMER_METHODS = Set.of("timer", "setTimer", "setPeriodic");

    private final Vertx real;
    private final AtomicInteger timers = new AtomicInteger();
    private final Vertx counting;

    private TimerCountingVertx(Vertx real) {
        this.real = real;
        this.counting = (Vertx) Proxy.newProxyInstance(Vertx.class.getClassLoader(), new Class<?>[] {Vertx.class}, this);
    }

    public static TimerCountingVertx wrap(Vertx real) {
        return new TimerCountingVertx(real);
    }

    /** The counting Vertx to hand to the code under test. */
    public Vertx vertx() {
        return counting;
    }

    /** Timers started through {@link #vertx()} so far. */
    public int timersStarted() {
        return timers.get();
    }

    @Override
    public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
        if (TIMER_METHODS.contains(method.getName())) {
            timers.incrementAndGet();
        }
        try {
            return method.invoke(real, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }
}
