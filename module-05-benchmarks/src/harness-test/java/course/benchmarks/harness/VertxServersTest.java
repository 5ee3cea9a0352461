package course.benchmarks.harness;

import static org.assertj.core.api.Assertions.assertThat;

import course.benchmarks.Backend;
import course.benchmarks.MixingLoop;
import course.benchmarks.RunningServer;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.ThreadingModel;
import io.vertx.core.VerticleBase;
import io.vertx.core.Vertx;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The harness's two twins of the event-loop server: they start, answer what Ex07's servers answer,
 * run each request where their model says, and close() leaves no thread of theirs running.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class VertxServersTest {

    private static final int ROUNDS = 1_000;

    /** Sends every id at once and returns the answers' status and body. */
    private static List<String> sendAtOnce(int port, int count) {
        try (HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()) {
            List<CompletableFuture<String>> answers = new ArrayList<>();
            for (int id = 0; id < count; id++) {
                HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/?id=" + id))
                    .timeout(Duration.ofSeconds(30)).build();
                answers.add(client.sendAsync(request, HttpResponse.BodyHandlers.ofString())
                    .thenApply(response -> response.statusCode() + " " + response.body()));
            }
            return answers.stream().map(CompletableFuture::join).toList();
        }
    }

    private static List<String> expected(int count) {
        List<String> bodies = new ArrayList<>();
        for (int id = 0; id < count; id++) {
            bodies.add("200 " + Backend.body(id, MixingLoop.mix(id, ROUNDS)));
        }
        return bodies;
    }

    private static boolean anyThreadAlive(String prefix) {
        return Thread.getAllStackTraces().keySet().stream().anyMatch(t -> t.isAlive() && t.getName().startsWith(prefix));
    }

    @Test
    void the_worker_pool_server_blocks_poolSize_requests_at_once_on_its_own_threads() throws Exception {
        int poolSize = 4;
        CountDownLatch allWaiting = new CountDownLatch(poolSize);
        AtomicInteger waiting = new AtomicInteger();
        AtomicInteger mostWaiting = new AtomicInteger();
        Set<String> threads = ConcurrentHashMap.newKeySet();
        Backend backend = new Backend() {
            @Override
            public void blockingQuery(int id) {
                threads.add(Thread.currentThread().getName());
                mostWaiting.accumulateAndGet(waiting.incrementAndGet(), Math::max);
                allWaiting.countDown();
                try {
                    allWaiting.await(20, TimeUnit.SECONDS); // the first poolSize requests meet here: they wait at once
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                } finally {
                    waiting.decrementAndGet();
                }
            }

            @Override
            public Future<Void> query(Vertx vertx, int id) {
                throw new AssertionError("the worker pool server blocks on its threads: it never asks for the non-blocking query");
            }

            @Override
            public String compute(int id) {
                return Backend.body(id, MixingLoop.mix(id, ROUNDS));
            }
        };

        try (RunningServer server = VertxServers.workerPool(backend, poolSize)) {
            assertThat(sendAtOnce(server.port(), 2 * poolSize)).isEqualTo(expected(2 * poolSize));
        }

        assertThat(allWaiting.getCount()).as("poolSize requests waited at the same time").isZero();
        assertThat(mostWaiting.get()).as("never more than poolSize at once").isEqualTo(poolSize);
        assertThat(threads).allMatch(name -> name.startsWith(VertxServers.WORKER_POOL), "every wait on the pool's threads");
        assertThat(anyThreadAlive(VertxServers.WORKER_POOL)).as("a pool thread still alive after close()").isFalse();
    }

    @Test
    void the_virtual_thread_verticle_awaits_its_waits_side_by_side_on_virtual_threads() throws Exception {
        int requests = 8;
        List<Promise<Void>> waits = new ArrayList<>();
        Set<Boolean> onVirtualThreads = ConcurrentHashMap.newKeySet();
        Backend backend = new Backend() {
            @Override
            public void blockingQuery(int id) {
                throw new AssertionError("a blocking wait would hold the verticle: the virtual-thread verticle awaits the query");
            }

            @Override
            public Future<Void> query(Vertx vertx, int id) {
                onVirtualThreads.add(Thread.currentThread().isVirtual());
                Promise<Void> answer = Promise.promise();
                synchronized (waits) {
                    waits.add(answer);
                    if (waits.size() == requests) { // every request is waiting at once: answer them all
                        waits.forEach(Promise::complete);
                    }
                }
                return answer.future();
            }

            @Override
            public String compute(int id) {
                return Backend.body(id, MixingLoop.mix(id, ROUNDS));
            }
        };

        try (RunningServer server = VertxServers.virtualThreadVerticle(backend)) {
            assertThat(sendAtOnce(server.port(), requests)).isEqualTo(expected(requests));
        }

        assertThat(onVirtualThreads).as("each request's handler on a virtual thread").containsExactly(true);
    }

    /**
     * Why the verticle awaits instead of sleeping (METHOD.md): a Vert.x context runs one task at a time
     * and lets the next in only while one is parked in await, so a Thread.sleep holds the verticle and
     * requests sent at once take turns.
     */
    @Test
    void a_sleep_on_a_virtual_thread_verticle_holds_it_so_its_requests_take_turns() {
        AtomicInteger inside = new AtomicInteger();
        AtomicInteger mostInside = new AtomicInteger();
        AtomicInteger port = new AtomicInteger();
        Vertx vertx = Vertx.vertx();
        try {
            vertx.deployVerticle(new VerticleBase() {
                @Override
                public Future<?> start() {
                    return vertx.createHttpServer().requestHandler(request -> {
                        mostInside.accumulateAndGet(inside.incrementAndGet(), Math::max);
                        try {
                            Thread.sleep(100); // not an await: the context stays taken
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                        }
                        inside.decrementAndGet();
                        request.response().end("slept");
                    }).listen(0, "127.0.0.1").onSuccess(server -> port.set(server.actualPort()));
                }
            }, new DeploymentOptions().setThreadingModel(ThreadingModel.VIRTUAL_THREAD)).await();

            assertThat(sendAtOnce(port.get(), 4)).containsOnly("200 slept").hasSize(4);
            assertThat(mostInside.get()).as("requests inside the handler at once").isEqualTo(1);
        } finally {
            vertx.close().await();
        }
    }

    @Test
    void both_answer_500_when_a_request_fails() throws Exception {
        Backend failing = new Backend() {
            @Override
            public void blockingQuery(int id) {
                throw new IllegalStateException("the database is down");
            }

            @Override
            public Future<Void> query(Vertx vertx, int id) {
                return Future.failedFuture(new IllegalStateException("the database is down"));
            }

            @Override
            public String compute(int id) {
                return Backend.body(id, 0);
            }
        };
        try (RunningServer pool = VertxServers.workerPool(failing, 2); RunningServer virtual = VertxServers.virtualThreadVerticle(failing)) {
            assertThat(sendAtOnce(pool.port(), 2)).allMatch(answer -> answer.startsWith("500"));
            assertThat(sendAtOnce(virtual.port(), 2)).allMatch(answer -> answer.startsWith("500"));
        }
    }
}
