package course.mixed.support;

import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.net.SocketAddress;
import io.vertx.core.spi.VertxMetricsFactory;
import io.vertx.core.spi.metrics.HttpServerMetrics;
import io.vertx.core.spi.metrics.PoolMetrics;
import io.vertx.core.spi.metrics.VertxMetrics;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Watches a Vert.x instance's worker pools through Vert.x's own metrics SPI: for every pool
 * (the shared one is {@value #SHARED_POOL}, a named {@code WorkerExecutor} is its name) it
 * records the size it was created with, how many jobs it ran, the most it ran at once, and
 * whether it was closed. It also counts the HTTP servers still listening. Vert.x reports these
 * itself, so the tests need no hooks in your code.
 *
 * <pre>{@code
 * PoolWatch watch = new PoolWatch();
 * Vertx vertx = watch.vertx(new VertxOptions());
 * ... watch.pool("jdbc").map(PoolWatch.Pool::maxSize) ...
 * }</pre>
 */
public final class PoolWatch implements VertxMetricsFactory {

    /** The name Vert.x gives its shared worker pool, the one {@code vertx.executeBlocking} uses. */
    public static final String SHARED_POOL = "vert.x-worker-thread";

    /** One worker pool as Vert.x reported it. */
    public static final class Pool {
        private final String name;
        private final int maxSize;
        private final AtomicInteger enqueued = new AtomicInteger();
        private final AtomicInteger started = new AtomicInteger();
        private final AtomicInteger running = new AtomicInteger();
        private final AtomicInteger peak = new AtomicInteger();
        private final AtomicBoolean closed = new AtomicBoolean();

        private Pool(String name, int maxSize) {
            this.name = name;
            this.maxSize = maxSize;
        }

        public String name() {
            return name;
        }

        /** The size the pool was created with (Vert.x's default for a named pool is 20). */
        public int maxSize() {
            return maxSize;
        }

        /** How many jobs were handed to the pool (Vert.x counts a job when it is submitted, before it waits for a thread). */
        public int jobsEnqueued() {
            return enqueued.get();
        }

        /** How many jobs began on the pool's threads. */
        public int jobsStarted() {
            return started.get();
        }

        /** The most jobs that ran on it at the same time. */
        public int peakRunning() {
            return peak.get();
        }

        /** Whether Vert.x closed it (its threads are then told to end). */
        public boolean closed() {
            return closed.get();
        }

        @Override
        public String toString() {
            return name + "(size " + maxSize + ", " + started + " jobs, at most " + peak + " at once" + (closed() ? ", closed)" : ")");
        }
    }

    private final Map<String, Pool> pools = new ConcurrentHashMap<>();
    private volatile java.util.function.Consumer<String> onClose = name -> { };
    private final AtomicInteger serversListening = new AtomicInteger();
    private volatile java.time.Duration holdServerClose = java.time.Duration.ZERO;
    private final java.util.concurrent.CountDownLatch aPoolClosed = new java.util.concurrent.CountDownLatch(1);

    /** A new Vert.x instance whose worker pools this watch sees. */
    public Vertx vertx(VertxOptions options) {
        return Vertx.builder().with(options).withMetrics(this).build();
    }

    /** The worker pool of that name, if Vert.x created one. */
    public Optional<Pool> pool(String name) {
        return Optional.ofNullable(pools.get(name));
    }

    /** Every worker pool Vert.x created so far. */
    public java.util.List<Pool> all() {
        return java.util.List.copyOf(pools.values());
    }

    /**
     * From now on, Vert.x's close of an HTTP server (the moment it reports the server's socket closed, just
     * before {@code server.close()} completes) waits until a worker pool has been closed, for at most
     * {@code limit}. A pool closed without waiting for the server's close is then closed while the server is
     * still open, however fast the machine closes servers (by construction, not by luck); a pool closed once
     * the server's close has completed cannot be, and only costs the test that limit.
     */
    public void holdServerCloseUntilAPoolCloses(java.time.Duration limit) {
        holdServerClose = limit;
    }

    /** Runs {@code listener} with a pool's name at the moment Vert.x closes that pool (on the closing thread). */
    public void whenClosed(java.util.function.Consumer<String> listener) {
        onClose = listener;
    }

    /** Jobs started on the pool of that name so far (0 if there is none). */
    public int jobsStarted(String name) {
        return pool(name).map(Pool::jobsStarted).orElse(0);
    }

    /**
     * HTTP servers of this Vert.x that are listening: one more when a server binds its port, one
     * fewer when Vert.x has closed that server's socket, just before {@code server.close()} completes.
     */
    public int httpServersListening() {
        return serversListening.get();
    }

    @Override
    public VertxMetrics metrics(VertxOptions options) {
        return new VertxMetrics() {
            @Override
            public HttpServerMetrics<?, ?, ?> createHttpServerMetrics(HttpServerOptions server, SocketAddress address) {
                serversListening.incrementAndGet();
                return new HttpServerMetrics<Object, Object, Object>() {
                    @Override
                    public void close() {
                        java.time.Duration hold = holdServerClose;
                        if (!hold.isZero()) {
                            try {
                                aPoolClosed.await(hold.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
                            } catch (InterruptedException e) {
                                Thread.currentThread().interrupt();
                            }
                        }
                        serversListening.decrementAndGet();
                    }
                };
            }

            @Override
            public PoolMetrics<?, ?> createPoolMetrics(String type, String name, int maxSize) {
                if (!"worker".equals(type) || name == null) {
                    return null;
                }
                Pool pool = new Pool(name, maxSize);
                pools.put(name, pool);
                return new PoolMetrics<Object, Object>() {
                    @Override
                    public Object enqueue() {
                        pool.enqueued.incrementAndGet();
                        return null;
                    }

                    @Override
                    public Object begin() {
                        pool.started.incrementAndGet();
                        pool.peak.accumulateAndGet(pool.running.incrementAndGet(), Math::max);
                        return null;
                    }

                    @Override
                    public void end(Object timer) {
                        pool.running.decrementAndGet();
                    }

                    @Override
                    public void close() {
                        onClose.accept(name);
                        pool.closed.set(true);
                        aPoolClosed.countDown();
                    }
                };
            }
        };
    }
}
