package course.benchmarks.harness;

import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.HttpClientAgent;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * The HTTP load generator: a closed loop over N keep-alive connections on 127.0.0.1. Each of N
 * "users" sends {@code GET /?id=N}, waits for the whole answer, records how long it took, and
 * sends the next one at once; so N requests are in flight all the time, whatever the server's
 * speed. Latencies go into an HdrHistogram (microseconds, 3 significant digits).
 *
 * <p>Closed loop means no target rate, hence no coordinated-omission correction: a user that
 * waits 1 s for an answer simply sends 1 s later, and its one slow request is recorded once.
 * What the figures answer is "N users, each waiting for their answer: how many answers a second,
 * and how long each user waits" (Little's law: N = requests/s x mean latency).
 *
 * <p>It is built to cost the machine as little as a Java client can, because on 2 cores it
 * shares them with the server: one Vert.x event loop, a connection pool sized to N, no body
 * parsing (status 200 and a body is a success). Its own CPU time is measured and reported.
 */
final class LoadGenerator implements AutoCloseable {

    /** After this long without an answer a request counts as an error. */
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);

    /** One event loop does all the generator's work; it only warns when a task takes 10 s (a starved machine, not a bug). */
    private final Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1).setWorkerPoolSize(1)
        .setMaxEventLoopExecuteTime(10).setMaxEventLoopExecuteTimeUnit(TimeUnit.SECONDS));
    private final HttpClientAgent client;

    /** What one run measured, over the measured window only. */
    record Window(int connections, double seconds, Histogram latenciesMicros, long errors,
                  double generatorCores, double serverCores, double otherCores, BusiestThread busiestServerThread) {
    }

    /**
     * A generator for the server on {@code port}, with a pool of up to {@code maxConnections}
     * connections. The pool outlives each run: a run with more users opens only the connections
     * it lacks, so a whole series opens each connection once (ephemeral ports are finite).
     */
    LoadGenerator(int port, int maxConnections) {
        client = vertx.createHttpClient(
            new HttpClientOptions().setDefaultHost("127.0.0.1").setDefaultPort(port).setKeepAlive(true)
                .setPipelining(false).setTcpNoDelay(true).setIdleTimeout(0),
            new PoolOptions().setHttp1MaxSize(maxConnections).setMaxWaitQueueSize(-1));
    }

    /**
     * Loads the server with {@code connections} users: {@code warmUp} first (not recorded), then
     * {@code measure} recorded; then stops the users and waits for their last answers.
     */
    Window run(int connections, Duration warmUp, Duration measure, ProcessHandle server) throws InterruptedException {
        Users users = new Users(vertx, client, connections);
        Context loop = vertx.getOrCreateContext();
        for (int user = 0; user < connections; user++) {
            int id = user;
            loop.runOnContext(ignored -> users.send(id)); // one task per user: the loop reads answers in between
        }

        Thread.sleep(warmUp);
        users.recorder.reset();
        long errorsBefore = users.errors.get();
        CpuClock before = CpuClock.now(server);
        Thread.sleep(measure);
        Histogram latencies = users.recorder.getIntervalHistogram();
        CpuClock after = CpuClock.now(server);
        long errors = users.errors.get() - errorsBefore;

        users.running = false;
        boolean drained = users.stopped.await(REQUEST_TIMEOUT.toSeconds() + 5, TimeUnit.SECONDS);
        if (!drained) {
            System.out.printf("    (%d users still waiting for an answer after the run; counted as errors)%n", users.stopped.getCount());
            errors += users.stopped.getCount();
        }
        double seconds = (after.wallNanos - before.wallNanos) / 1e9;
        return new Window(connections, seconds, latencies, errors,
            after.generatorCores(before), after.serverCores(before), after.otherCores(before),
            after.serverThreads.busiestSince(before.serverThreads));
    }

    /** The N users, all on the generator's one event loop. */
    private static final class Users {
        private final Vertx vertx;
        private final HttpClientAgent client;
        private final Recorder recorder = new Recorder(3);
        private final AtomicLong errors = new AtomicLong();
        private final CountDownLatch stopped;
        private volatile boolean running = true;

        Users(Vertx vertx, HttpClientAgent client, int count) {
            this.vertx = vertx;
            this.client = client;
            this.stopped = new CountDownLatch(count);
        }

        /** One request; its answer sends the next one (an error waits 10 ms, so a dead server is not a busy loop). */
        void send(int user) {
            if (!running) {
                stopped.countDown();
                return;
            }
            long start = System.nanoTime();
            client.request(HttpMethod.GET, "/?id=" + user)
                .compose(request -> request.idleTimeout(REQUEST_TIMEOUT.toMillis()).send())
                .compose(response -> response.body().map(body -> response.statusCode() == 200 && body.length() > 0))
                .onComplete(answer -> {
                    if (answer.succeeded() && answer.result()) {
                        recorder.recordValue(Math.max(1, (System.nanoTime() - start) / 1_000));
                        send(user);
                    } else {
                        errors.incrementAndGet();
                        vertx.setTimer(10, ignored -> send(user));
                    }
                });
        }
    }

    /**
     * Wall time and CPU time at one moment: this JVM (the generator), the server's process and each
     * of its threads, the whole machine.
     */
    private record CpuClock(long wallNanos, long generatorNanos, long serverNanos, BusiestThread.Snapshot serverThreads,
                            Machine.CpuTicks machine) {

        static CpuClock now(ProcessHandle server) {
            long generator = ManagementFactory.getPlatformMXBean(com.sun.management.OperatingSystemMXBean.class).getProcessCpuTime();
            long serverCpu = server.info().totalCpuDuration().map(Duration::toNanos).orElse(-1L);
            return new CpuClock(System.nanoTime(), generator, serverCpu, BusiestThread.Snapshot.of(server.pid()), Machine.CpuTicks.now());
        }

        /** Cores' worth of CPU the generator used between {@code before} and now. */
        double generatorCores(CpuClock before) {
            return (generatorNanos - before.generatorNanos) / (double) (wallNanos - before.wallNanos);
        }

        double serverCores(CpuClock before) {
            return serverNanos < 0 || before.serverNanos < 0 ? Double.NaN
                : (serverNanos - before.serverNanos) / (double) (wallNanos - before.wallNanos);
        }

        /** Cores' worth the rest of the machine used (from /proc/stat; NaN where there is none). */
        double otherCores(CpuClock before) {
            if (!machine.known() || !before.machine.known() || machine.machineTotal() == before.machine.machineTotal()) {
                return Double.NaN;
            }
            double busyCores = (machine.machineBusy() - before.machine.machineBusy())
                / (double) (machine.machineTotal() - before.machine.machineTotal()) * Machine.cores();
            return Math.max(0, busyCores - generatorCores(before) - serverCores(before));
        }
    }

    @Override
    public void close() {
        vertx.close().await(); // closes the client and its connections too
    }
}
