package course.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import course.benchmarks.support.ProbeBackend;
import course.benchmarks.support.Probes;
import course.benchmarks.support.ProbeBackend.Ran;
import course.benchmarks.support.ProbeBackend.Step;
import course.benchmarks.support.Requests;
import course.benchmarks.support.Requests.Answer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.IntStream;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

@DisplayName("Ex07 · One HTTP service, three models")
@Timeout(60) // a server's first requests take seconds on a loaded machine; a server that never answers fails at ANSWER
class Ex07_HttpServersTest {

    /** The pool size the tests give fixedPool where they check something else than the size. */
    private static final int POOL = 4;

    /** Long enough for every right answer on a loaded machine; a server that never answers fails at this. */
    private static final Duration ANSWER = Duration.ofSeconds(15);

    enum Model {
        FIXED_POOL("fixedPool", "a fixed pool: at most poolSize requests at once, each holding its platform thread while it waits"),
        VIRTUAL_THREADS("virtualThreads", "a new virtual thread per request, parked while it waits"),
        VERTX("vertx", "the wait as a future that holds no thread, the CPU part off the event loop");

        final String method;
        final String idea;

        Model(String method, String idea) {
            this.method = method;
            this.idea = idea;
        }

        RunningServer start(Backend backend) throws IOException {
            return switch (this) {
                case FIXED_POOL -> Ex07_HttpServers.fixedPool(backend, POOL);
                case VIRTUAL_THREADS -> Ex07_HttpServers.virtualThreads(backend);
                case VERTX -> Ex07_HttpServers.vertx(backend);
            };
        }

        /** "Ex07 (vertx): " */
        String says() {
            return "Ex07 (" + method + "): ";
        }

        /** How many requests the test sends at once, and expects to wait for the database together. */
        int together() {
            // More than Vert.x's 20 worker threads: waits that each hold a worker cannot all meet.
            return this == FIXED_POOL ? POOL : 40;
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Model.class)
    @DisplayName("requests sent at once all wait for the database together, and each gets its own JSON answer")
    @Tag("contract:values")
    @Tag("contract:concurrency")
    void servesConcurrentRequests(Model model) throws Exception {
        int together = model.together();
        ProbeBackend backend = new ProbeBackend(together, Duration.ZERO, 1);
        List<Answer> answers;
        try (RunningServer server = model.start(backend); Requests client = warmClient(server.port())) {
            answers = client.sendAtOnce(ids(together), ANSWER);
        }

        assertNoBlockingOnTheLoop(model, backend);
        assertAnswered(model, answers);
        assertThat(backend.waitersMet()).as(model.says() + together + " requests sent at once should all be waiting for the database at the "
                + "same moment, but at most %d were. Hint: %s", backend.mostWaiting(), switch (model) {
                    case FIXED_POOL -> "the executor you give the server decides how many requests run at once: poolSize of them";
                    case VIRTUAL_THREADS -> "every request needs a thread of its own that it may block, and there is no limit to them";
                    case VERTX -> "a wait that holds a thread (a blocking call, or a sleep on the 20 workers) limits how many can wait: "
                        + "backend.query(vertx, id) returns a future and holds nothing";
                })
            .isTrue();
    }

    @ParameterizedTest(name = "poolSize {0}")
    @ValueSource(ints = {3, 8})
    @DisplayName("the fixed pool runs exactly poolSize requests at once, never more, on platform threads")
    @Tag("contract:concurrency")
    @Tag("contract:placement")
    void fixedPoolRunsPoolSizeRequestsAtOnce(int poolSize) throws Exception {
        // The first poolSize requests meet, then stay a second unless more arrive: a crowd shows up at once.
        ProbeBackend backend = new ProbeBackend(poolSize, Duration.ofSeconds(1), 1);
        List<Answer> answers;
        try (RunningServer server = Ex07_HttpServers.fixedPool(backend, poolSize); Requests client = warmClient(server.port())) {
            answers = client.sendAtOnce(ids(2 * poolSize), ANSWER);
        }

        assertAnswered(Model.FIXED_POOL, answers);
        assertThat(backend.mostWaiting()).as("Ex07 (fixedPool): with poolSize %d and %d requests sent at once, %d waited for the database "
                + "at the same moment. Hint: %s", poolSize, 2 * poolSize, backend.mostWaiting(), backend.mostWaiting() > poolSize
                ? "the pool must be bounded by poolSize: a pool that grows with the load (a cached pool) or a bigger fixed size is what "
                    + "the 200-thread default is there to prevent"
                : "the pool must run poolSize requests at once: use the size you are given, not a number of your own (or of the cores)")
            .isEqualTo(poolSize);
        List<Thread> threads = backend.threads(Step.BLOCKING_QUERY);
        assertThat(threads).as("Ex07 (fixedPool): the pool model is the servlet-container baseline, on platform threads. Hint: a pool of "
                + "virtual threads is neither model")
            .noneMatch(Thread::isVirtual);
        assertThat(new HashSet<>(threads)).as("Ex07 (fixedPool): %d requests should run on the pool's %d threads, reused. Hint: one pool "
                + "for the server's life, its size fixed", 2 * poolSize, poolSize)
            .hasSizeLessThanOrEqualTo(poolSize);
    }

    @Test
    @DisplayName("the virtual-thread server starts a new virtual thread for each request, which ends with it")
    @Tag("contract:placement")
    @Tag("contract:lifecycle")
    void virtualThreadPerRequest() throws Exception {
        int together = Model.VIRTUAL_THREADS.together();
        int oneByOne = 10;
        ProbeBackend backend = new ProbeBackend(together, Duration.ZERO, 1);
        List<Answer> answers;
        try (RunningServer server = Ex07_HttpServers.virtualThreads(backend); Requests client = warmClient(server.port())) {
            answers = new ArrayList<>(client.sendAtOnce(ids(together), ANSWER));
            for (int id = together; id < together + oneByOne; id++) {
                answers.add(client.send(id, ANSWER)); // one after another: a pool would hand each the same idle thread
            }

            assertAnswered(Model.VIRTUAL_THREADS, answers);
            List<Thread> threads = backend.threads(Step.COMPUTE);
            assertThat(threads).as("Ex07 (virtualThreads): every request should run on a virtual thread. Hint: the server's executor "
                    + "decides what a request runs on")
                .allMatch(Thread::isVirtual);
            assertThat(new HashSet<>(threads)).as("Ex07 (virtualThreads): %d requests should run on %d different virtual threads, a new "
                    + "one each. Hint: virtual threads are never pooled: they cost less than a pool's hand-off", answers.size(), answers.size())
                .hasSize(answers.size());
            List<Thread> alive = stillAliveAfter(threads, Duration.ofSeconds(5));
            assertThat(alive).as("Ex07 (virtualThreads): a request's virtual thread should end when its request is answered, but %d of "
                    + "them still run, waiting for more work: a pool of virtual threads keeps them. Hint: one thread per task, "
                    + "never pooled", alive.size())
                .isEmpty();
        }
    }

    @Test
    @DisplayName("the Vert.x server waits without holding a thread and computes on the workers, side by side")
    @Tag("contract:placement")
    @Tag("contract:concurrency")
    @Tag("contract:event-loop")
    void vertxKeepsTheWaitAndTheCpuOffTheLoop() throws Exception {
        int together = Model.VERTX.together();
        int computeTogether = 2; // Vert.x's worker pool has 20 threads on any machine; a worker executor sized to the cores passes too
        ProbeBackend backend = new ProbeBackend(together, Duration.ZERO, computeTogether);
        List<Answer> answers;
        try (RunningServer server = Ex07_HttpServers.vertx(backend); Requests client = warmClient(server.port())) {
            answers = client.sendAtOnce(ids(together), ANSWER);
        }

        assertNoBlockingOnTheLoop(Model.VERTX, backend);
        assertThat(backend.ran(Step.BLOCKING_QUERY)).as("Ex07 (vertx): the handler held a thread for the wait (%s): on a worker "
                + "each waiting request holds one of 20 threads. Hint: backend.query(vertx, id) returns a future and holds nothing",
                backend.ran(Step.BLOCKING_QUERY).stream().findFirst().orElse(null))
            .isEmpty();
        assertThat(backend.ran(Step.QUERY)).as("Ex07 (vertx): ask the database from the request handler, on the event loop: a thread "
                + "that waits for the answer is a thread held per request. Hint: compose on the future, never await it")
            .allMatch(Ran::onEventLoop);
        assertThat(backend.ran(Step.COMPUTE)).as("Ex07 (vertx): the CPU part should run on Vert.x's worker pool. Hint: executeBlocking "
                + "runs a Callable there and gives its result back as a future on the handler's context")
            .allMatch(Ran::onWorker);
        assertAnswered(Model.VERTX, answers);
        assertThat(backend.waitersMet()).as("Ex07 (vertx): %d requests sent at once should all wait for the database together, but at "
                + "most %d did. Hint: nothing may hold a thread during the wait", together, backend.mostWaiting())
            .isTrue();
        assertThat(backend.computesMet()).as("Ex07 (vertx): %d CPU parts should run side by side on the workers, but they took turns. "
                + "Hint: executeBlocking is ORDERED by default, and ordered jobs from one context run one at a time; every request of a "
                + "server comes from that server's context. Pass ordered=false", computeTogether)
            .isTrue();
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Model.class)
    @DisplayName("a request whose work fails still gets an answer: 500")
    @Tag("contract:errors")
    void failureStillAnswers(Model model) throws Exception {
        try (RunningServer server = model.start(ProbeBackend.plain()); Requests client = warmClient(server.port())) {
            Answer failed = client.send(ProbeBackend.FAILING_ID, ANSWER);
            assertThat(failed.failure() == null ? failed.status() : -1).as(model.says() + "the request whose CPU part threw should get a 500 within " + ANSWER.toSeconds() + " s, "
                    + "but: %s. Hint: %s", failed, model == Model.VERTX
                    ? "a failed future that nobody handles answers nothing, and the client waits forever: answer it in onFailure"
                    : "let the exception leave your handler: JdkHttp.start answers 500 for you")
                .isEqualTo(500);
            assertAnswered(model, List.of(client.send(7, ANSWER)));
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Model.class)
    @DisplayName("close() stops the server and ends every thread it started")
    @Tag("contract:lifecycle")
    void closeEndsEveryThread(Model model) throws Exception {
        ProbeBackend backend = ProbeBackend.plain();
        RunningServer server = model.start(backend);
        int port = server.port();
        try (Requests client = warmClient(port)) {
            assertAnswered(model, client.sendAtOnce(ids(8), ANSWER));
        } finally {
            server.close();
        }

        assertThat(stillAcceptsAfter(port, Duration.ofSeconds(2))).as(model.says() + "2 s after close() the server still accepts "
                + "connections on port %d. Hint: stop the server itself, not only what runs its requests", port)
            .isFalse();
        List<Thread> alive = stillAliveAfter(backend.allThreads(), Duration.ofSeconds(5));
        assertThat(alive).as(model.says() + "after close() these threads that ran requests still run, 5 s later: %s. Hint: close() "
                + "must also close what you created to run the requests (%s)", alive, switch (model) {
                    case FIXED_POOL -> "the pool: pool.close() waits for it";
                    case VIRTUAL_THREADS -> "the executor";
                    case VERTX -> "the Vertx instance: its event loops and workers";
                })
            .isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(value = Model.class, names = {"FIXED_POOL", "VIRTUAL_THREADS"})
    @DisplayName("close() with a request in flight returns only once that request has run to its end")
    @Tag("contract:lifecycle")
    void closeWaitsForTheRequestInFlight(Model model) throws Exception {
        HeldBackend backend = new HeldBackend();
        RunningServer server = model.start(backend);
        AtomicBoolean closeReturned = new AtomicBoolean();
        AtomicBoolean computedWhenCloseReturned = new AtomicBoolean();
        Thread closer = null;
        try (Requests client = warmClient(server.port())) {
            Thread sender = Thread.ofPlatform().name("ex07-sender").start(() -> client.send(7, ANSWER));
            try {
                assertThat(backend.arrived.await(ANSWER.toSeconds(), TimeUnit.SECONDS))
                    .as(model.says() + "request 7 never reached the database wait (%s)", model.idea).isTrue();
                closer = Thread.ofPlatform().name("ex07-closer").start(() -> {
                    server.close();
                    computedWhenCloseReturned.set(backend.computed.get());
                    closeReturned.set(true);
                });
                // A right close() waits here for the held request; a wrong one has a second to return.
                Probes.eventually(Duration.ofSeconds(1), closeReturned::get);
            } finally {
                backend.release.countDown();
                if (closer != null) {
                    closer.join(ANSWER.toMillis());
                } else {
                    server.close(); // the request never arrived: nothing else closes it
                }
                sender.join(ANSWER.toMillis());
            }
        }
        assertThat(closeReturned.get()).as(model.says() + "close() did not return within 15 s of the last request's end").isTrue();
        assertThat(computedWhenCloseReturned.get())
            .as(model.says() + "close() returned while request 7 was still waiting for the database: RunningServer.close() promises "
                + "that the server's threads have ended, and a request still running when the caller goes on (to close the "
                + "database, to exit) is cut off halfway. Hint: after stopping the server, close what runs the requests: "
                + "ExecutorService.close() waits for the running tasks")
            .isTrue();
    }

    /** A backend whose database wait for any request but the warm-up holds until the test releases it. */
    private static final class HeldBackend implements Backend {
        final CountDownLatch arrived = new CountDownLatch(1);
        final CountDownLatch release = new CountDownLatch(1);
        final AtomicBoolean computed = new AtomicBoolean();

        @Override
        public void blockingQuery(int id) {
            if (id == ProbeBackend.WARM_UP) return;
            arrived.countDown();
            try {
                release.await(ANSWER.toSeconds(), TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        @Override
        public io.vertx.core.Future<Void> query(io.vertx.core.Vertx vertx, int id) {
            return io.vertx.core.Future.failedFuture("the thread models do not call query");
        }

        @Override
        public String compute(int id) {
            String body = Backend.body(id, 0);
            if (id != ProbeBackend.WARM_UP) computed.set(true);
            return body;
        }
    }

    // ---------------------------------------------------------------- shared checks

    /**
     * A client that has sent one request already (the probe lets it through): the first request
     * loads the classes of both sides, which takes seconds on a loaded machine.
     */
    private static Requests warmClient(int port) {
        Requests client = new Requests(port);
        client.send(ProbeBackend.WARM_UP, ANSWER); // its outcome is checked by the requests that follow
        return client;
    }

    private static List<Integer> ids(int count) {
        return IntStream.range(0, count).boxed().toList();
    }

    /** Every request got 200, a JSON content type, and the body for its own id. */
    private static void assertAnswered(Model model, List<Answer> answers) {
        assertThat(answers).as(model.says() + "every request should get 200 and the JSON body for its id. Hint: wait, then compute, "
                + "then answer with backend.compute(id)'s JSON (%s)", model.idea)
            .allSatisfy(answer -> {
                assertThat(answer.failure()).as("%s", answer).isNull();
                assertThat(answer.status()).as("%s", answer).isEqualTo(200);
                assertThat(answer.contentType()).as("%s", answer).startsWith("application/json");
                assertThat(answer.body()).as("%s", answer).isEqualTo(ProbeBackend.expectedBody(answer.id()));
            });
    }

    /** Neither the wait nor the CPU part ran on an event loop: it serves every connection. */
    private static void assertNoBlockingOnTheLoop(Model model, ProbeBackend backend) {
        List<Ran> onLoop = backend.ran(Step.BLOCKING_QUERY).stream().filter(Ran::onEventLoop).toList();
        assertThat(onLoop).as(model.says() + "the wait blocked the event loop (%s): while it waits, no other request on that loop "
                + "moves. Hint: backend.query(vertx, id) is the database call for an event loop", onLoop.stream().findFirst().orElse(null))
            .isEmpty();
        List<Ran> cpuOnLoop = backend.ran(Step.COMPUTE).stream().filter(Ran::onEventLoop).toList();
        assertThat(cpuOnLoop).as(model.says() + "the CPU part ran on the event loop (%s): every connection of that loop waits for it. "
                + "Hint: after the wait, move the CPU part to the workers", cpuOnLoop.stream().findFirst().orElse(null))
            .isEmpty();
    }

    /** The threads still alive after waiting up to {@code patience} for all of them to end. */
    private static List<Thread> stillAliveAfter(List<Thread> threads, Duration patience) {
        try {
            Awaitility.await().atMost(patience.toMillis(), TimeUnit.MILLISECONDS).pollInterval(Duration.ofMillis(20))
                .until(() -> threads.stream().noneMatch(Thread::isAlive));
        } catch (ConditionTimeoutException e) {
            // reported by the caller, with a message that says which threads and why
        }
        return threads.stream().filter(Thread::isAlive).distinct().toList();
    }

    /**
     * Whether the port still takes connections after {@code patience}. Not asked once: a closed
     * server's socket may take a moment to be let go (the JDK closes one registered with a selector
     * only at that selector's next turn), while one never closed accepts for as long as we ask.
     */
    private static boolean stillAcceptsAfter(int port, Duration patience) {
        try {
            Awaitility.await().atMost(patience.toMillis(), TimeUnit.MILLISECONDS).pollInterval(Duration.ofMillis(20))
                .until(() -> !accepts(port));
            return false;
        } catch (ConditionTimeoutException e) {
            return true;
        }
    }

    private static boolean accepts(int port) {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
            return true;
        } catch (IOException refused) {
            return false;
        }
    }
}
