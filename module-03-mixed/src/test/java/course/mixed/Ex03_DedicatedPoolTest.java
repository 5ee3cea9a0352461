package course.mixed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.awaitility.Awaitility.await;

import course.mixed.support.OnContext;
import course.mixed.support.PoolWatch;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@DisplayName("Ex03 · A dedicated worker pool for long jobs, so short ones are not starved")
class Ex03_DedicatedPoolTest {

    // A small shared pool makes starvation easy to see: two long jobs on it leave one thread for short
    // jobs, and two short jobs that need each other then cannot both run. (Not 2 = POOL_SIZE: a named
    // pool created without a size gets this size, and must not pass for one of POOL_SIZE.)
    private static final int SHARED_POOL_SIZE = 3;
    private static final String LONG_THREAD = Ex03_DedicatedPool.POOL_NAME + "-";

    private final PoolWatch pools = new PoolWatch();
    private Vertx vertx;
    private Context handler;   // the tests call your code from here, as one request handler would

    @BeforeEach
    void startVertx() {
        vertx = pools.vertx(new VertxOptions().setWorkerPoolSize(SHARED_POOL_SIZE));
        handler = vertx.getOrCreateContext();
    }

    @AfterEach
    void closeVertx() throws Exception {
        vertx.close().await(5, TimeUnit.SECONDS);
    }

    @Tag("contract:placement")
    @Tag("contract:concurrency")
    @Tag("contract:event-loop")
    @Test
    @DisplayName("short jobs run side by side on the shared pool while two long jobs hold the dedicated one")
    void shortJobsAreNotStarved() throws Exception {
        Ex03_DedicatedPool service = onHandler(() -> new Ex03_DedicatedPool(vertx));
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
        List<String> shortThreads = new CopyOnWriteArrayList<>();
        try {
            longResults.add(onHandler(() -> service.runLong(longJob)));
            longResults.add(onHandler(() -> service.runLong(longJob)));
            assertThat(longJobsRunning.await(3, TimeUnit.SECONDS))
                .as("Ex03: two long jobs submitted from one handler should run at the same time on the dedicated pool "
                    + "(size %d), but only %d started (on %s). One context's blocking jobs queue behind each other "
                    + "unless you say they are independent", Ex03_DedicatedPool.POOL_SIZE, 2 - longJobsRunning.getCount(), longThreads)
                .isTrue();

            // Two short jobs from the same handler, each waiting for the other: they must run side by side.
            CyclicBarrier bothShortJobs = new CyclicBarrier(2);
            Callable<String> shortJob = () -> {
                shortThreads.add(Thread.currentThread().getName());
                bothShortJobs.await(3, TimeUnit.SECONDS);
                return Thread.currentThread().getName();
            };
            Future<String> first = onHandler(() -> service.runShort(shortJob));
            Future<String> second = onHandler(() -> service.runShort(shortJob));
            Throwable starved = catchThrowable(() -> Future.all(first, second).await(5, TimeUnit.SECONDS));
            assertThat(starved)
                .as("Ex03: two short jobs (each waiting up to 3 s for the other) did not both finish while the long jobs "
                    + "were running (%s; short jobs started on %s, long jobs on %s). %s", starved, shortThreads, longThreads,
                    longThreads.stream().anyMatch(name -> !name.startsWith(LONG_THREAD))
                        ? "The long jobs took threads of the shared pool, so short jobs wait behind them: give long jobs the dedicated pool"
                        : "Short jobs from one handler queue behind each other (and behind that handler's other ordered jobs) "
                            + "unless you say they are independent")
                .isNull();
        } finally {
            release.countDown();
        }

        assertThat(longThreads)
            .as("Ex03: long jobs should run on the dedicated Vert.x pool's threads (%s0, %s1), but ran on %s: a pool of "
                + "your own is invisible to Vert.x (no blocked-thread warnings, results not brought back to the "
                + "caller's context, not closed with it)", LONG_THREAD, LONG_THREAD, longThreads)
            .allMatch(name -> name.startsWith(LONG_THREAD));
        assertThat(shortThreads)
            .as("Ex03: short jobs should run on Vert.x's shared worker pool (vert.x-worker-thread-N), but ran on %s", shortThreads)
            .allMatch(name -> name.startsWith(PoolWatch.SHARED_POOL + "-"));
        for (Future<String> result : longResults) {
            assertThat(result.await(5, TimeUnit.SECONDS)).as("Ex03: each long job's result should come back").isEqualTo("long done");
        }
    }

    @Tag("contract:concurrency")
    @Test
    @DisplayName("the dedicated pool is a Vert.x worker pool of exactly POOL_SIZE threads")
    void dedicatedPoolHasItsSize() throws Exception {
        Ex03_DedicatedPool service = onHandler(() -> new Ex03_DedicatedPool(vertx));
        String thread = onHandler(() -> service.runLong(() -> Thread.currentThread().getName())).await(5, TimeUnit.SECONDS);

        assertThat(pools.pool(Ex03_DedicatedPool.POOL_NAME))
            .as("Ex03: Vert.x has no worker pool named \"%s\" (the long job ran on %s). A thread pool of your own bypasses "
                + "Vert.x: no blocked-thread warnings, results not brought back to the caller's context, not closed with "
                + "Vert.x. Ask Vert.x for a named pool", Ex03_DedicatedPool.POOL_NAME, thread)
            .isPresent();
        assertThat(pools.pool(Ex03_DedicatedPool.POOL_NAME).get().maxSize())
            .as("Ex03: the dedicated pool was created with %d threads, expected POOL_SIZE (%d). Without a size, a named "
                + "pool gets as many threads as Vert.x's shared pool (VertxOptions.workerPoolSize, 20 by default), and "
                + "that many long jobs would then run at once",
                pools.pool(Ex03_DedicatedPool.POOL_NAME).get().maxSize(), Ex03_DedicatedPool.POOL_SIZE)
            .isEqualTo(Ex03_DedicatedPool.POOL_SIZE);
        assertThat(thread)
            .as("Ex03: long jobs should run on the dedicated Vert.x pool (%sN), not on %s: a pool of your own is invisible "
                + "to Vert.x (no blocked-thread warnings, not closed with it), and the shared pool is the one short jobs need",
                LONG_THREAD, thread)
            .startsWith(LONG_THREAD);
    }

    @Tag("contract:lifecycle")
    @Test
    @DisplayName("close() closes the dedicated pool and its threads end")
    void closeEndsThePoolThreads() throws Exception {
        Ex03_DedicatedPool service = onHandler(() -> new Ex03_DedicatedPool(vertx));
        String thread = onHandler(() -> service.runLong(() -> Thread.currentThread().getName())).await(5, TimeUnit.SECONDS);
        assertThat(thread)
            .as("Ex03: long jobs should run on the dedicated Vert.x pool (%sN), not on %s: only then does closing that "
                + "pool end the threads that ran them", LONG_THREAD, thread)
            .startsWith(LONG_THREAD);

        onHandler(service::close).await(5, TimeUnit.SECONDS);

        assertThat(pools.pool(Ex03_DedicatedPool.POOL_NAME).map(PoolWatch.Pool::closed))
            .as("Ex03: close() completed, but Vert.x's pool \"%s\" is still open: its threads would live as long as "
                + "the application", Ex03_DedicatedPool.POOL_NAME)
            .contains(true);
        await("Ex03: after close() no thread named " + LONG_THREAD + "N should be alive")
            .atMost(Duration.ofSeconds(2))
            .until(() -> Thread.getAllStackTraces().keySet().stream().noneMatch(t -> t.getName().startsWith(LONG_THREAD)));
    }

    /** Runs {@code call} on the handler's context, as a request handler would, and returns what it returned. */
    @Test
    @Tag("contract:state")
    @Tag("contract:lifecycle")
    @DisplayName("two services side by side: closing one leaves the other's long jobs running on the dedicated pool")
    void closingOneServiceLeavesTheOtherWorking() throws Exception {
        Ex03_DedicatedPool first = onHandler(() -> new Ex03_DedicatedPool(vertx));
        Ex03_DedicatedPool second = onHandler(() -> new Ex03_DedicatedPool(vertx));
        OnContext.call(handler, first::close).await(5, TimeUnit.SECONDS);

        AtomicReference<String> ranOn = new AtomicReference<>();
        Throwable failure = catchThrowable(() -> OnContext.call(handler, () -> second.runLong(() -> {
            ranOn.set(Thread.currentThread().getName());
            return "still running";
        })).await(5, TimeUnit.SECONDS));
        try {
            assertThat(failure)
                .as("Ex03: two services were made on one Vert.x; after the first was closed, a long job on the second failed "
                    + "(%s): both used one pool handle, kept where every instance shares it (a static field?), and closing "
                    + "one closed it for the other. Hint: each service keeps the WorkerExecutor it created in a final "
                    + "instance field; createSharedWorkerExecutor counts its users, so the pool stays until the last closes it",
                    failure)
                .isNull();
            assertThat(ranOn.get()).as("Ex03: the second service's long job runs on the dedicated pool").startsWith(LONG_THREAD);
        } finally {
            OnContext.call(handler, second::close).await(5, TimeUnit.SECONDS);
        }
        assertThat(pools.pool(Ex03_DedicatedPool.POOL_NAME).map(PoolWatch.Pool::closed))
            .as("Ex03: both services are closed, but the dedicated pool is still open: each close() closed the same pool "
                + "handle (kept where every instance shares it: a static field?), so one service's handle was never "
                + "closed and the pool, with its threads, lives on. Hint: each service keeps the WorkerExecutor it created "
                + "in a final instance field and closes that one")
            .contains(true);
    }

    private <T> T onHandler(Supplier<T> call) throws Exception {
        return OnContext.call(handler, () -> Future.succeededFuture(call.get())).await(5, TimeUnit.SECONDS);
    }
}
