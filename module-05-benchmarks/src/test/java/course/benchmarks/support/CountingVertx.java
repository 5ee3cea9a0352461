package course.benchmarks.support;

import io.vertx.core.Context;
import io.vertx.core.Vertx;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.Map;
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
