package course.mixed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.awaitility.Awaitility.await;

import course.mixed.support.OnContext;
import course.mixed.support.PoolWatch;
import course.mixed.support.ProfilesDb;
import course.mixed.support.WarmUp;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@DisplayName("Ex06 · A blocking library (JDBC) called from async code through a worker pool")
class Ex06_JdbcOnAWorkerPoolTest {

    private static final String POOL_THREAD_PREFIX = Ex06_JdbcOnAWorkerPool.POOL_NAME + "-";
    private static final int CONNECTIONS = Ex06_JdbcOnAWorkerPool.CONNECTIONS;

    private final PoolWatch pools = new PoolWatch();
    private Vertx vertx;
    private Context loop;   // the tests call your code from here, as a request handler would
    private ProfilesDb db;

    @BeforeAll
    static void warmUp() throws Exception {
        WarmUp.vertxHttpAndJdbc();
    }

    @BeforeEach
    void setUp() throws Exception {
        vertx = pools.vertx(new VertxOptions());
        loop = vertx.getOrCreateContext();
        db = new ProfilesDb();
    }

    @AfterEach
    void tearDown() throws Exception {
        try {
            vertx.close().await(5, TimeUnit.SECONDS);
        } finally {
            db.close();
        }
    }

    @Tag("contract:values")
    @Tag("contract:placement")
    @Tag("contract:event-loop")
    @Test
    @DisplayName("queries called from the event loop run on the jdbc pool and come back as futures")
    void queriesRunOnTheJdbcPool() throws Exception {
        Ex06_JdbcOnAWorkerPool profiles = new Ex06_JdbcOnAWorkerPool(vertx, db.url());

        String thread = OnContext.call(loop, () -> profiles.query(connection -> Thread.currentThread().getName()))
            .await(5, TimeUnit.SECONDS);
        Optional<String> ada = OnContext.call(loop, () -> profiles.findName(1)).await(5, TimeUnit.SECONDS);

        assertThat(thread)
            .as("Ex06: the JDBC work should run on the pool's threads (%sN), not on %s. %s", POOL_THREAD_PREFIX, thread,
                thread.startsWith("vert.x-eventloop-thread-")
                    ? "JDBC blocks: on the event loop it stalls every handler of that loop for the length of each query"
                    : thread.startsWith(PoolWatch.SHARED_POOL)
                        ? "The shared worker pool serves every executeBlocking of the application: slow queries would take "
                            + "its threads from everyone else, and nothing ties its size to the connections"
                        : "")
            .startsWith(POOL_THREAD_PREFIX);
        assertThat(ada).as("Ex06: profile 1 is Ada").contains("Ada");
    }

    @Tag("contract:errors")
    @Test
    @DisplayName("an id with no profile answers Optional.empty(), and the next query still works")
    void anUnknownIdAnswersEmpty() throws Exception {
        Ex06_JdbcOnAWorkerPool profiles = new Ex06_JdbcOnAWorkerPool(vertx, db.url());

        java.util.concurrent.atomic.AtomicReference<Optional<String>> nobody = new java.util.concurrent.atomic.AtomicReference<>();
        Throwable failed = org.assertj.core.api.Assertions.catchThrowable(() ->
            nobody.set(OnContext.call(loop, () -> profiles.findName(99)).await(5, TimeUnit.SECONDS)));
        assertThat(failed)
            .as("Ex06: findName(99), an id with no profile, failed (%s) where it should answer Optional.empty(): the query "
                + "found no row, and reading a row that is not there throws. Hint: rows.next() says whether there is one; "
                + "read it only then", failed)
            .isNull();
        assertThat(nobody.get()).as("Ex06: there is no profile 99").isEmpty();
        assertThat(OnContext.call(loop, () -> profiles.findName(3)).await(5, TimeUnit.SECONDS))
            .as("Ex06: profile 3, asked after an unknown id, is Barbara").contains("Barbara");
    }

    @Tag("contract:concurrency")
    @Tag("contract:event-loop")
    @Test
    @DisplayName("as many queries as there are connections, from one event loop, are in flight at the same time")
    void queriesRunSideBySide() {
        Ex06_JdbcOnAWorkerPool profiles = new Ex06_JdbcOnAWorkerPool(vertx, db.url());
        // Each query waits until all of them hold a connection at once.
        CyclicBarrier allAtOnce = new CyclicBarrier(CONNECTIONS);

        AtomicReference<List<Boolean>> valid = new AtomicReference<>();
        Throwable failure = catchThrowable(() -> valid.set(OnContext.call(loop, () -> Future.all(
                IntStream.range(0, CONNECTIONS).mapToObj(i -> profiles.query(connection -> {
                    try {
                        allAtOnce.await(3, TimeUnit.SECONDS);
                    } catch (Exception e) {
                        throw new SQLException("not all " + CONNECTIONS + " queries were running at once: " + e, e);
                    }
                    return connection.isValid(1);
                })).toList()).map(all -> all.<Boolean>list()))
            .await(8, TimeUnit.SECONDS)));

        assertThat(failure)
            .as("Ex06: %d queries from one context should run at once, one per connection (each waited up to 3 s for "
                + "the others), but got: %s. One context's blocking jobs queue behind each other unless you say they "
                + "are independent", CONNECTIONS, failure)
            .isNull();
        assertThat(valid.get()).as("Ex06: each query should get an open connection").containsOnly(true).hasSize(CONNECTIONS);
    }

    @Tag("contract:concurrency")
    @Test
    @DisplayName("the jdbc pool is a Vert.x worker pool with one thread per connection")
    void poolIsSizedLikeTheConnections() throws Exception {
        Ex06_JdbcOnAWorkerPool profiles = new Ex06_JdbcOnAWorkerPool(vertx, db.url());
        OnContext.call(loop, () -> profiles.findName(1)).await(5, TimeUnit.SECONDS);

        assertThat(pools.pool(Ex06_JdbcOnAWorkerPool.POOL_NAME))
            .as("Ex06: Vert.x has no worker pool named \"%s\"", Ex06_JdbcOnAWorkerPool.POOL_NAME)
            .isPresent();
        int size = pools.pool(Ex06_JdbcOnAWorkerPool.POOL_NAME).get().maxSize();
        assertThat(size)
            .as("Ex06: the jdbc pool has %d threads for %d connections. %s", size, CONNECTIONS,
                size > CONNECTIONS
                    ? "The threads beyond the connections can only wait inside getConnection() for a connection to come "
                        + "back: threads that hold memory and do nothing (a named pool without a size gets as many as "
                        + "the shared pool, 20 by default)"
                    : "Fewer threads than connections leave connections idle while queries wait for a thread")
            .isEqualTo(CONNECTIONS);
    }

    @Tag("contract:cores")
    @Tag("contract:concurrency")
    @Test
    @org.junit.jupiter.api.Timeout(40)   // a second JVM starts Vert.x and H2: seconds on a busy machine
    @DisplayName("the jdbc pool follows the connections, not the cores (checked in a JVM that sees 3 cores)")
    void poolSizeDoesNotFollowTheCores() throws Exception {
        int cores = CONNECTIONS - 1;   // not CONNECTIONS: on a machine with 4 cores a pool sized by the cores passes the check above
        List<String> out = inJvmWithCores(cores, course.mixed.support.JdbcPoolSizeCheck.class);

        assertThat(out).as("Ex06: the check in a JVM that sees %d cores did not finish: %s", cores, out).contains("CORES " + cores);
        String pool = out.stream().filter(line -> line.startsWith("POOL ") || line.startsWith("FAILED ")).findFirst().orElse("(none)");
        assertThat(pool)
            .as("Ex06: on a machine with %d cores the jdbc pool was created with %s threads (the check saw %s), where the "
                + "database grants %d connections. %s", cores, pool.replace("POOL ", ""), out, CONNECTIONS,
                pool.equals("POOL " + cores)
                    ? "A pool sized by the cores is right for CPU work; a JDBC call mostly waits, and how many can run at once is "
                        + "how many connections there are, whatever the machine. Hint: size the pool by CONNECTIONS"
                    : "Hint: one thread per connection, CONNECTIONS, whatever the machine")
            .isEqualTo("POOL " + CONNECTIONS);
    }

    /** Runs {@code check}'s main in a child JVM that sees {@code cores} cores; returns its output lines. */
    private static List<String> inJvmWithCores(int cores, Class<?> check) throws Exception {
        String javaBin = java.nio.file.Path.of(System.getProperty("java.home"), "bin", "java").toString();
        // The exercise first (a course check may load it from a folder of its own), then the rest.
        List<String> classPath = new java.util.ArrayList<>();
        for (Class<?> needed : List.of(Ex06_JdbcOnAWorkerPool.class, check)) {
            java.security.CodeSource source = needed.getProtectionDomain().getCodeSource();
            if (source != null && source.getLocation() != null) {
                classPath.add(java.nio.file.Path.of(source.getLocation().toURI()).toString());
            }
        }
        classPath.add(System.getProperty("java.class.path"));
        Process child = new ProcessBuilder(javaBin, "-XX:ActiveProcessorCount=" + cores, "-XX:TieredStopAtLevel=1",
            "-cp", String.join(java.io.File.pathSeparator, classPath), check.getName())
            .redirectErrorStream(true)
            .start();
        if (!child.waitFor(30, TimeUnit.SECONDS)) {
            child.destroyForcibly().waitFor();
        }
        return List.of(new String(child.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).split("\\R"));
    }

    @Tag("contract:errors")
    @Tag("contract:lifecycle")
    @Test
    @DisplayName("every connection goes back to the pool, after a failed query too, and the failure reaches the caller")
    void everyConnectionGoesBack() throws Exception {
        Ex06_JdbcOnAWorkerPool profiles = new Ex06_JdbcOnAWorkerPool(vertx, db.url());
        SQLException broken = new SQLException("broken query");

        // Three times as many queries as connections, one after another, every second one failing.
        for (int i = 0; i < 3 * CONNECTIONS; i++) {
            boolean fails = i % 2 == 1;
            AtomicReference<Boolean> result = new AtomicReference<>();
            Throwable failure = catchThrowable(() -> result.set(OnContext.call(loop, () -> profiles.query(connection -> {
                if (fails) {
                    throw broken;
                }
                return connection.isValid(1);
            })).await(3, TimeUnit.SECONDS)));

            assertThat(failure instanceof TimeoutException)
                .as("Ex06: query %d of %d (one at a time, every second one failing) did not finish within 3 s: every one of "
                    + "the %d connections is still out, so this query waits for one that never comes back. A connection "
                    + "goes back to the pool only when it is closed, and it must be closed whether the work succeeded or "
                    + "threw", i + 1, 3 * CONNECTIONS, CONNECTIONS)
                .isFalse();
            if (fails) {
                assertThat(failure)
                    .as("Ex06: the work threw %s; query() should fail with it, but got: %s", broken, failure)
                    .isSameAs(broken);
            } else {
                assertThat(failure).as("Ex06: query %d should succeed, but got: %s", i + 1, failure).isNull();
            }
        }
    }

    @Tag("contract:lifecycle")
    @Test
    @DisplayName("close() ends the jdbc pool's threads and closes every connection")
    void closeEndsThePoolAndTheConnections() throws Exception {
        Ex06_JdbcOnAWorkerPool profiles = new Ex06_JdbcOnAWorkerPool(vertx, db.url());
        assertThat(OnContext.call(loop, () -> profiles.findName(2)).await(5, TimeUnit.SECONDS)).as("Ex06: profile 2 is Grace").contains("Grace");

        OnContext.call(loop, profiles::close).await(5, TimeUnit.SECONDS);

        assertThat(pools.pool(Ex06_JdbcOnAWorkerPool.POOL_NAME).map(PoolWatch.Pool::closed))
            .as("Ex06: close() completed, but Vert.x's pool \"%s\" is still open", Ex06_JdbcOnAWorkerPool.POOL_NAME)
            .contains(true);
        assertThat(db.openConnections())
            .as("Ex06: close() completed, but %d connection(s) to the database are still open: the connection pool keeps "
                + "the connections it lent out and got back, until it is itself closed (disposed)", db.openConnections())
            .isZero();
        await("Ex06: after close() no thread named " + POOL_THREAD_PREFIX + "N should be alive")
            .atMost(Duration.ofSeconds(2))
            .until(() -> Thread.getAllStackTraces().keySet().stream().noneMatch(t -> t.getName().startsWith(POOL_THREAD_PREFIX)));
    }

    @Test
    @Tag("contract:lifecycle")
    @Tag("contract:state")
    @DisplayName("eight queries, one after another, open no more connections than the pool's")
    void queriesShareThePoolsConnections() throws Exception {
        Ex06_JdbcOnAWorkerPool profiles = new Ex06_JdbcOnAWorkerPool(vertx, db.url());
        try {
            for (int i = 0; i < 2 * CONNECTIONS; i++) {
                assertThat(OnContext.call(loop, () -> profiles.findName(2)).await(5, TimeUnit.SECONDS)).as("Ex06: profile 2 is Grace")
                    .contains("Grace");
            }
            assertThat(db.openConnections())
                .as("Ex06: after %d queries, one after another, %d connections to the database are open, more than the "
                    + "pool's %d: each query made connections of its own (a connection pool per query, or a connection "
                    + "opened and never closed), and a busy service runs the database out of connections. Hint: one "
                    + "JdbcConnectionPool, made in the constructor, lends every query its connection",
                    2 * CONNECTIONS, db.openConnections(), CONNECTIONS)
                .isLessThanOrEqualTo(CONNECTIONS);
        } finally {
            OnContext.call(loop, profiles::close).await(5, TimeUnit.SECONDS);
        }
    }
}
