package course.pitfalls.eventloop;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.awaitility.Awaitility.await;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeoutException;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Ex05 · One kind of huge job starving the shared blocking pool")
class Ex05_StarvedWorkerPoolTest {

    /** A small shared pool, so that four reports are enough to fill it. */
    private final Vertx vertx = Vertx.vertx(new VertxOptions().setWorkerPoolSize(2));

    @AfterEach
    void closeVertx() throws Exception {
        vertx.close().toCompletionStage().toCompletableFuture().get(5, SECONDS);
    }

    @Test
    @DisplayName("a quick lookup still runs while long reports are in progress, and the reports' pool closes with the service")
    void lookupsAreNotStarvedByReports() throws Exception {
        CountDownLatch reportsMayFinish = new CountDownLatch(1);
        Set<Thread> reportThreads = ConcurrentHashMap.newKeySet();
        try (var service = new Ex05_StarvedWorkerPool(vertx)) {
            // Four long reports: more than the shared pool's two threads.
            List<Future<String>> reports = IntStream.range(0, 4)
                .mapToObj(i -> service.report(() -> {
                    reportThreads.add(Thread.currentThread());
                    reportsMayFinish.await(5, SECONDS);
                    return "report " + i;
                }))
                .toList();
            try {
                String user = service.lookup(() -> "user 42").toCompletionStage().toCompletableFuture().get(2, SECONDS);
                assertThat(user).as("Ex05: the lookup's own result").isEqualTo("user 42");
            } catch (TimeoutException starved) {
                fail("Ex05: a quick lookup waited more than 2 s behind the reports: they filled the shared worker pool "
                    + "(2 threads here, 20 by default) and the lookup queued behind them. Hint: run reports on a "
                    + "WorkerExecutor of their own: vertx.createSharedWorkerExecutor(\"ex05-reports\", REPORT_THREADS)");
            } finally {
                reportsMayFinish.countDown();
            }
            assertThat(Future.all(reports).toCompletionStage().toCompletableFuture().get(5, SECONDS).<String>list())
                .as("Ex05: every report still completes, in its own pool")
                .containsExactly("report 0", "report 1", "report 2", "report 3");
        }
        await("Ex05: the report pool's threads end once the service is closed").atMost(Duration.ofSeconds(2))
            .untilAsserted(() -> assertThat(reportThreads.stream().filter(Thread::isAlive).map(Thread::getName).toList())
                .as("Ex05: the service is closed, but the threads that ran its reports are still alive: either the reports "
                    + "did not run on a pool of their own (the shared pool lives as long as Vert.x), or close() leaves that "
                    + "pool open. Hint: reports on vertx.createSharedWorkerExecutor(...), and reports.close() in close()")
                .isEmpty());
    }
}
