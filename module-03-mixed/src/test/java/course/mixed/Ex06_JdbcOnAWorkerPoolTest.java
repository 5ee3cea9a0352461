package course.mixed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.awaitility.Awaitility.await;

import course.mixed.support.OnContext;
import course.mixed.support.ProfilesDb;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(VertxExtension.class)
@DisplayName("Ex06 · A blocking library (JDBC) called from async code through a worker pool")
class Ex06_JdbcOnAWorkerPoolTest {

    private static final String POOL_THREAD_PREFIX = Ex06_JdbcOnAWorkerPool.POOL_NAME + "-";

    private ProfilesDb db;

    @BeforeEach
    void createDatabase() throws Exception {
        db = new ProfilesDb();
    }

    @AfterEach
    void dropDatabase() throws Exception {
        db.close();
    }

    @Test
    @DisplayName("queries called from the event loop run on the jdbc pool and come back as futures")
    void queriesRunOnTheJdbcPool(Vertx vertx) throws Exception {
        Context loop = vertx.getOrCreateContext();
        Ex06_JdbcOnAWorkerPool profiles = new Ex06_JdbcOnAWorkerPool(vertx, db.url());

        String thread = OnContext.call(loop, () -> profiles.query(connection -> Thread.currentThread().getName()))
            .await(2, TimeUnit.SECONDS);
        Optional<String> ada = OnContext.call(loop, () -> profiles.findName(1)).await(2, TimeUnit.SECONDS);
        Optional<String> nobody = OnContext.call(loop, () -> profiles.findName(99)).await(2, TimeUnit.SECONDS);

        assertThat(thread)
            .as("Ex06: the JDBC work should run on the pool's threads (%sN), not on %s. "
                + "Hint: pool.executeBlocking(() -> { try (Connection c = DriverManager.getConnection(jdbcUrl)) { ... } }, false)",
                POOL_THREAD_PREFIX, thread)
            .startsWith(POOL_THREAD_PREFIX);
        assertThat(ada).as("Ex06: profile 1 is Ada").contains("Ada");
        assertThat(nobody).as("Ex06: there is no profile 99").isEmpty();
    }

    @Test
    @DisplayName("four queries from one event loop are in flight at the same time")
    void queriesRunSideBySide(Vertx vertx) {
        Context loop = vertx.getOrCreateContext();
        Ex06_JdbcOnAWorkerPool profiles = new Ex06_JdbcOnAWorkerPool(vertx, db.url());
        int queries = Ex06_JdbcOnAWorkerPool.POOL_SIZE;
        // Each query waits until all of them hold a connection at once.
        CyclicBarrier allAtOnce = new CyclicBarrier(queries);

        AtomicReference<List<Boolean>> valid = new AtomicReference<>();
        Throwable failure = catchThrowable(() -> valid.set(OnContext.call(loop, () -> Future.all(
                IntStream.range(0, queries).mapToObj(i -> profiles.query(connection -> {
                    try {
                        allAtOnce.await(2, TimeUnit.SECONDS);
                    } catch (Exception e) {
                        throw new SQLException("not all " + queries + " queries were running at once: " + e, e);
                    }
                    return connection.isValid(1);
                })).toList()).map(all -> all.<Boolean>list()))
            .await(8, TimeUnit.SECONDS)));

        assertThat(failure)
            .as("Ex06: %d queries from one context should run at once on a pool of %d (each waited up to 2 s for the "
                + "others), but got: %s. Hint: executeBlocking(..., false): ordered jobs would queue", queries, queries, failure)
            .isNull();
        assertThat(valid.get()).as("Ex06: each query should get an open connection").containsOnly(true).hasSize(queries);
    }

    @Test
    @DisplayName("close() ends the jdbc pool's threads")
    void closeEndsThePoolThreads(Vertx vertx) throws Exception {
        Ex06_JdbcOnAWorkerPool profiles = new Ex06_JdbcOnAWorkerPool(vertx, db.url());
        assertThat(profiles.findName(2).await(2, TimeUnit.SECONDS)).as("Ex06: profile 2 is Grace").contains("Grace");

        profiles.close().await(2, TimeUnit.SECONDS);

        await("Ex06: after close() no thread named " + POOL_THREAD_PREFIX + "N should be alive. Hint: pool.close()")
            .atMost(Duration.ofSeconds(2))
            .until(() -> Thread.getAllStackTraces().keySet().stream().noneMatch(t -> t.getName().startsWith(POOL_THREAD_PREFIX)));
    }
}
