package course.benchmarks.support;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A Vert.x instance that counts what the code under test asks of it: every call, by method name,
 * made on it or on a context or Vert.x it hands out ({@code getOrCreateContext()}, {@code owner()}).
 * Lets a test check the shape of the work (one timer per unit, one task per pass) without timing it.
 */
public final class CountingVertx {

    private final Map<String, AtomicInteger> calls = new ConcurrentHashMap<>();
    private final Map<String, Object> lastReturned = new ConcurrentHashMap<>();
    private final Vertx vertx;
    private volatile Duration closeTakes = Duration.ZERO;

    public CountingVertx(Vertx real) {
        this.vertx = proxy(Vertx.class, real);
    }

    /** The counting Vert.x to hand to the code under test. */
    public Vertx vertx() {
        return vertx;
    }

    /** How many times methods with any of these names were called so far. */
    public int calls(String... methods) {
        int total = 0;
        for (String method : methods) {
            total += calls.getOrDefault(method, new AtomicInteger()).get();
        }
        return total;
    }

    /** What the last call of a method with this name returned (null if none, or if it returned null). */
    public Object lastReturned(String method) {
        return lastReturned.get(method);
    }

    /**
     * From now on, the future {@code close()} returns completes {@code extra} after Vert.x has closed: a close that
     * does not wait is then seen not to, however fast the machine closes Vert.x (by construction, not by luck).
     */
    public void closeTakesAtLeast(Duration extra) {
        closeTakes = extra;
    }

    public void reset() {
        calls.clear();
    }

    private <T> T proxy(Class<T> type, T target) {
        InvocationHandler handler = (proxy, method, args) -> {
            calls.computeIfAbsent(method.getName(), name -> new AtomicInteger()).incrementAndGet();
            Object result;
            try {
                result = method.invoke(target, args);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
            if (method.getName().equals("close") && result instanceof Future<?> closing && !closeTakes.isZero()) {
                Promise<Void> later = Promise.promise();
                Executor after = CompletableFuture.delayedExecutor(closeTakes.toMillis(), TimeUnit.MILLISECONDS);
                closing.onComplete(done -> after.execute(() -> {
                    if (done.succeeded()) later.complete();
                    else later.fail(done.cause());
                }));
                result = later.future();
            }
            if (result != null) {
                lastReturned.put(method.getName(), result);
            }
            if (result instanceof Context context && method.getReturnType() == Context.class) {
                return proxy(Context.class, context);
            }
            if (result instanceof Vertx owner && method.getReturnType() == Vertx.class) {
                return proxy(Vertx.class, owner);
            }
            return result;
        };
        return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, handler));
    }
}
