package course.mixed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.awaitility.Awaitility.await;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Ex03 · A dedicated worker pool for long jobs, so short ones are not starved")
class Ex03_DedicatedPoolTest {

    // A small shared pool makes starvation easy to see: two long jobs on it would fill it.
    private static final int SHARED_POOL_SIZE = 2;

    private Vertx vertx;

    @BeforeEach
    void startVertx() {
        vertx = Vertx.vertx(new VertxOptions().setWorkerPoolSize(SHARED_POOL_SIZE));
    }

    @AfterEach
    void closeVertx() throws Exception {
        vertx.close().await(5, TimeUnit.SECONDS);
    }

    @Test
    @DisplayName("short jobs finish on the shared pool while two long jobs hold the dedicated one")
    void shortJobsAreNotStarved() throws Exception {
        Ex03_DedicatedPool pools = new Ex03_DedicatedPool(vertx);
        CountDownLatch longJobsRunning = new CountDownLatch(2);
        CountDownLatch release = new CountDownLatch(1);
        List<String> longThreads = new CopyOnWriteArrayList<>();
        Callable<String> longJob = () -> {
            longThreads.add(Thread.currentThread().getName());
            longJobsRunning.countDown();
            release.await(5, TimeUnit.SECONDS);   // "long": holds its thread until the test lets go
            return "long done";
        };

        List<Future<String>> longResults = new ArrayList<>();
        List<String> shortThreads = new ArrayList<>();
        try {
            longResults.add(pools.runLong(longJob));
            longResults.add(pools.runLong(longJob));
            assertThat(longJobsRunning.await(2, TimeUnit.SECONDS))
                .as("Ex03: both long jobs should be running at the same time on the dedicated pool (size %d). "
                    + "Hint: longJobs.executeBlocking(job, false)", Ex03_DedicatedPool.POOL_SIZE)
                .isTrue();

            for (int i = 0; i < 3; i++) {
                Throwable starved = catchThrowable(() -> shortThreads.add(
                    pools.runShort(() -> Thread.currentThread().getName()).await(2, TimeUnit.SECONDS)));
                assertThat(starved)
                    .as("Ex03: a short job did not finish within 2 s while the long jobs were running (%s): it is "
                        + "queued behind them. Hint: long jobs on vertx.createSharedWorkerExecutor(POOL_NAME, POOL_SIZE), "
                        + "short jobs on vertx.executeBlocking", starved)
                    .isNull();
            }
        } finally {
            release.countDown();
        }

        assertThat(longThreads)
            .as("Ex03: long jobs should run on the dedicated pool's threads (%s-0, %s-1)", Ex03_DedicatedPool.POOL_NAME, Ex03_DedicatedPool.POOL_NAME)
            .allMatch(name -> name.startsWith(Ex03_DedicatedPool.POOL_NAME + "-"));
        assertThat(shortThreads)
            .as("Ex03: short jobs should run on Vert.x's shared worker pool (vert.x-worker-thread-N)")
            .allMatch(name -> name.startsWith("vert.x-worker-thread-"));
        for (Future<String> result : longResults) {
            assertThat(result.await(2, TimeUnit.SECONDS)).as("Ex03: each long job's result should come back").isEqualTo("long done");
        }
    }

    @Test
    @DisplayName("close() ends the dedicated pool's threads")
    void closeEndsThePoolThreads() throws Exception {
        Ex03_DedicatedPool pools = new Ex03_DedicatedPool(vertx);
        String thread = pools.runLong(() -> Thread.currentThread().getName()).await(2, TimeUnit.SECONDS);
        assertThat(thread).as("Ex03: long jobs should run on the dedicated pool").startsWith(Ex03_DedicatedPool.POOL_NAME + "-");

        pools.close().await(2, TimeUnit.SECONDS);

        await("Ex03: after close() no thread named " + Ex03_DedicatedPool.POOL_NAME + "-N should be alive. Hint: longJobs.close()")
            .atMost(Duration.ofSeconds(2))
            .until(() -> Thread.getAllStackTraces().keySet().stream()
                .noneMatch(t -> t.getName().startsWith(Ex03_DedicatedPool.POOL_NAME + "-")));
    }
}
