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
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * The HTTP load generator, over keep-alive connections on 127.0.0.1, in two ways:
 *
 * <ul>
 *   <li>{@link #run}, a closed loop: each of N "users" sends {@code GET /?id=N}, waits for the
 *   whole answer, records how long it took, and sends the next one at once; so N requests are in
 *   flight all the time, whatever the server's speed. What it answers is "N users, each waiting
 *   for their answer: how many answers a second, and how long each user waits" (Little's law:
 *   N = requests/s x mean latency). It suffers coordinated omission, and no correction is
 *   possible without a target rate: a user whose answer takes a second sends nothing meanwhile,
 *   so a stall is recorded once per user while the fast periods are sampled many times, and the
 *   tails are understated.</li>
 *   <li>{@link #runOpen}, an open loop: requests are due at a fixed rate ({@link Schedule}),
 *   sent when due whatever happened to the ones before, and each one's latency runs from the time
 *   it was due to be sent, not from when it was sent: a stall of the server (or of the generator)
 *   counts for every request that should have gone out during it. So its p99 speaks about the
 *   tails at that load.</li>
 * </ul>
 *
 * <p>Latencies go into an HdrHistogram (microseconds, 3 significant digits). It is built to cost
 * the machine as little as a Java client can, because on 2 cores it shares them with the server:
 * one Vert.x event loop, a connection pool sized to the most connections, no body parsing (status
 * 200 and a body is a success). Its own CPU time is measured and reported, and so is its one event
 * loop thread's: a thread runs on one core at a time, so at a full core the generator is the limit.
 */
final class LoadGenerator implements AutoCloseable {

    /** After this long without an answer a request counts as an error. */
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);

    /** One event loop does all the generator's work; it only warns when a task takes 10 s (a starved machine, not a bug). */
    private final Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1).setWorkerPoolSize(1)
        .setMaxEventLoopExecuteTime(10).setMaxEventLoopExecuteTimeUnit(TimeUnit.SECONDS));
    private final HttpClientAgent client;
    /** The generator's one event loop thread, whose CPU time says when the generator is the limit. */
    private final long loopThreadId;

    /**
     * What one run measured, over the measured window only. {@code answered}: the answers that
     * arrived in the window (closed loop: every recorded latency; open loop: the latencies are those of
     * the requests due in the window, answered before or after it ended). {@code generatorThread}: the
     * share of one core the generator's event loop thread used.
     */
    record Window(int connections, double seconds, Histogram latenciesMicros, long answered, long errors,
                  double generatorCores, double generatorThread, double serverCores, double otherCores,
                  BusiestThread busiestServerThread) {
    }

    /**
     * An open loop's schedule: request {@code i} (from 0) is due at {@code startNanos + i / perSecond},
     * whatever happened to the ones before it.
     */
    record Schedule(long startNanos, double perSecond) {

        Schedule {
            if (!(perSecond > 0)) {
                throw new IllegalArgumentException("an open loop needs a rate above 0, got " + perSecond);
            }
        }

        /** When request {@code i} is due to be sent. */
        long dueNanos(long i) {
            return startNanos + Math.round(i * 1e9 / perSecond);
        }

        /** How many requests are due by {@code nowNanos}: those whose due time is not after it. */
        long dueBy(long nowNanos) {
            if (nowNanos < startNanos) {
                return 0;
            }
            long count = (long) Math.floor((nowNanos - startNanos) * perSecond / 1e9) + 1;
            while (count > 0 && dueNanos(count - 1) > nowNanos) { // rounding: never count one that is not due yet
                count--;
            }
            while (dueNanos(count) <= nowNanos) {
                count++;
            }
            return count;
        }

        /** A latency in microseconds (at least 1), from when the request was due to when its answer arrived. */
        static long latencyMicros(long dueNanos, long answeredNanos) {
            return Math.max(1, (answeredNanos - dueNanos) / 1_000);
        }
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
        CompletableFuture<Long> loop = new CompletableFuture<>();
        vertx.getOrCreateContext().runOnContext(ignored -> loop.complete(Thread.currentThread().threadId()));
        loopThreadId = loop.join();
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
        CpuClock before = cpuNow(server);
        Thread.sleep(measure);
        Histogram latencies = users.recorder.getIntervalHistogram();
        CpuClock after = cpuNow(server);
        long errors = users.errors.get() - errorsBefore;

        users.running = false;
        boolean drained = users.stopped.await(REQUEST_TIMEOUT.toSeconds() + 5, TimeUnit.SECONDS);
        if (!drained) {
            System.out.printf("    (%d users still waiting for an answer after the run; counted as errors)%n", users.stopped.getCount());
            errors += users.stopped.getCount();
        }
        double seconds = (after.wallNanos - before.wallNanos) / 1e9;
        return new Window(connections, seconds, latencies, latencies.getTotalCount(), errors,
            after.generatorCores(before), after.generatorThread(before), after.serverCores(before), after.otherCores(before),
            after.serverThreads.busiestSince(before.serverThreads));
    }

    /**
     * Loads the server in an open loop at {@code perSecond} requests a second over up to
     * {@code connections} connections (a request with none free waits in the client's queue, and that
     * wait is part of its latency): {@code warmUp} first (not recorded), then the requests due during
     * {@code measure} are recorded, each from the time it was due; then it waits for their answers.
     */
    Window runOpen(double perSecond, int connections, Duration warmUp, Duration measure, ProcessHandle server)
        throws InterruptedException {
        Schedule schedule = new Schedule(System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(50), perSecond);
        long from = schedule.startNanos() + warmUp.toNanos();
        long to = from + measure.toNanos();
        Arrivals arrivals = new Arrivals(schedule, from, to);
        Context loop = vertx.getOrCreateContext();
        loop.runOnContext(ignored -> arrivals.timer = vertx.setPeriodic(1, tick -> arrivals.sendDue()));

        sleepUntil(from);
        CpuClock before = cpuNow(server);
        long answeredBefore = arrivals.answered.get();
        sleepUntil(to);
        CpuClock after = cpuNow(server);
        long answered = arrivals.answered.get() - answeredBefore;
        boolean drained = arrivals.measuredDone.await(REQUEST_TIMEOUT.toSeconds() + 5, TimeUnit.SECONDS);
        long errors = arrivals.errors.get();
        if (!drained) {
            System.out.printf("    (%d requests due in the window still unanswered after the run; counted as errors)%n",
                arrivals.measuredDone.getCount());
            errors += arrivals.measuredDone.getCount();
        }
        loop.runOnContext(ignored -> vertx.cancelTimer(arrivals.timer));
        Histogram latencies = arrivals.recorder.getIntervalHistogram();
        return new Window(connections, (after.wallNanos - before.wallNanos) / 1e9, latencies, answered, errors,
            after.generatorCores(before), after.generatorThread(before), after.serverCores(before), after.otherCores(before),
            after.serverThreads.busiestSince(before.serverThreads));
    }

    private static void sleepUntil(long nanos) throws InterruptedException {
        long left = nanos - System.nanoTime();
        if (left > 0) {
            TimeUnit.NANOSECONDS.sleep(left);
        }
    }

    /** The open loop's requests, all sent from the generator's one event loop as they fall due. */
    private final class Arrivals {
        private final Schedule schedule;
        private final long from;
        private final long to;
        private final Recorder recorder = new Recorder(3);
        private final AtomicLong answered = new AtomicLong();
        private final AtomicLong errors = new AtomicLong();
        /** One count per request due in the measured window, down when it is answered or failed. */
        private final CountDownLatch measuredDone;
        private long sent;
        private long timer;

        Arrivals(Schedule schedule, long from, long to) {
            this.schedule = schedule;
            this.from = from;
            this.to = to;
            this.measuredDone = new CountDownLatch((int) (schedule.dueBy(to - 1) - schedule.dueBy(from - 1)));
        }

        /** Every request due by now and not sent yet goes out now (a late tick sends the ones it missed). */
        void sendDue() {
            long due = schedule.dueBy(System.nanoTime());
            while (sent < due && schedule.dueNanos(sent) < to) {
                send(sent++);
            }
        }

        private void send(long i) {
            long dueAt = schedule.dueNanos(i);
            boolean measured = dueAt >= from && dueAt < to;
            client.request(HttpMethod.GET, "/?id=" + (i % 100_000))
                .compose(request -> request.idleTimeout(REQUEST_TIMEOUT.toMillis()).send())
                .compose(response -> response.body().map(body -> response.statusCode() == 200 && body.length() > 0))
                .onComplete(answer -> {
                    long now = System.nanoTime();
                    boolean ok = answer.succeeded() && answer.result();
                    if (ok && now >= from && now < to) {
                        answered.incrementAndGet();
                    }
                    if (measured) {
                        if (ok) {
                            recorder.recordValue(Schedule.latencyMicros(dueAt, now));
                        } else {
                            errors.incrementAndGet();
                        }
                        measuredDone.countDown();
                    }
                });
        }
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
    private record CpuClock(long wallNanos, long generatorNanos, long loopThreadNanos, long serverNanos,
                            BusiestThread.Snapshot serverThreads, Machine.CpuTicks machine) {

        /** Cores' worth of CPU the generator used between {@code before} and now. */
        double generatorCores(CpuClock before) {
            return (generatorNanos - before.generatorNanos) / (double) (wallNanos - before.wallNanos);
        }

        /** The share of one core the generator's event loop thread used between {@code before} and now. */
        double generatorThread(CpuClock before) {
            return threadShare(before.loopThreadNanos, loopThreadNanos, wallNanos - before.wallNanos);
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

    /** Wall time and CPU time now: this JVM, its event loop thread, the server's process and threads, the machine. */
    private CpuClock cpuNow(ProcessHandle server) {
        long generator = ManagementFactory.getPlatformMXBean(com.sun.management.OperatingSystemMXBean.class).getProcessCpuTime();
        long loop = ManagementFactory.getThreadMXBean().getThreadCpuTime(loopThreadId); // -1 where the JVM cannot tell
        long serverCpu = server.info().totalCpuDuration().map(Duration::toNanos).orElse(-1L);
        return new CpuClock(System.nanoTime(), generator, loop, serverCpu, BusiestThread.Snapshot.of(server.pid()), Machine.CpuTicks.now());
    }

    /** The share of one core a thread used: its CPU time over the wall time between two readings; NaN when unknown. */
    static double threadShare(long cpuNanosBefore, long cpuNanosAfter, long wallNanos) {
        return cpuNanosBefore < 0 || cpuNanosAfter < 0 || wallNanos <= 0 ? Double.NaN
            : Math.min(1, (cpuNanosAfter - cpuNanosBefore) / (double) wallNanos);
    }

    @Override
    public void close() {
        vertx.close().await(); // closes the client and its connections too
    }
}
