package course.mixed.support;

import java.sql.Connection;
import java.sql.Driver;
import java.sql.DriverManager;
import java.sql.DriverPropertyInfo;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.BrokenBarrierException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Logger;

/**
 * A fresh in-memory H2 database with a {@code profiles(id, name)} table: 1 Ada, 2 Grace,
 * 3 Barbara. Each instance has its own database; close() drops it.
 *
 * <p>{@link #url()} is the plain H2 address. {@link #watchedUrl()} reaches the same database
 * through a small JDBC driver of the tests that notes which threads connect, how many connect at
 * once, and can hold connections back until several callers are connecting together
 * ({@link #holdConnectsUntil}): proof that blocking calls were in flight at the same time.
 */
public final class ProfilesDb implements AutoCloseable {

    private static final String WATCHED = "jdbc:watched:";
    private static final Map<String, ProfilesDb> OPEN = new ConcurrentHashMap<>();

    static {
        try {
            DriverManager.registerDriver(new WatchingDriver());
        } catch (SQLException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final String url = "jdbc:h2:mem:profiles-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";
    // Keeps the database open for the test's lifetime (DB_CLOSE_DELAY=-1 does too; SHUTDOWN ends it).
    private final Connection keeper;
    private final List<String> connectingThreads = new CopyOnWriteArrayList<>();
    private final AtomicInteger connecting = new AtomicInteger();
    private final AtomicInteger peakConnecting = new AtomicInteger();
    private volatile CyclicBarrier gate;

    public ProfilesDb() throws SQLException {
        keeper = DriverManager.getConnection(url);
        try (var statement = keeper.createStatement()) {
            statement.execute("CREATE TABLE profiles (id INT PRIMARY KEY, name VARCHAR(100) NOT NULL)");
            statement.execute("INSERT INTO profiles VALUES (1, 'Ada'), (2, 'Grace'), (3, 'Barbara')");
        }
        OPEN.put(url, this);
    }

    /** The plain H2 address. */
    public String url() {
        return url;
    }

    /** The same database, through the watching driver. */
    public String watchedUrl() {
        return WATCHED + url;
    }

    /**
     * From now on each connect through {@link #watchedUrl()} waits until {@code together} connects
     * are waiting at once (then all go on), for at most 4 s; if they never are, the waiting connect
     * fails (and so do the ones after it).
     */
    public void holdConnectsUntil(int together) {
        gate = new CyclicBarrier(together);
    }

    /** The names of the threads that connected through {@link #watchedUrl()}, in order. */
    public List<String> threadsThatConnected() {
        return List.copyOf(connectingThreads);
    }

    /** The most connects through {@link #watchedUrl()} that were waiting or connecting at the same time. */
    public int peakConnecting() {
        return peakConnecting.get();
    }

    /** Open connections to this database other than the test's own. */
    public int openConnections() throws SQLException {
        try (var statement = keeper.createStatement();
             var rows = statement.executeQuery("SELECT COUNT(*) FROM INFORMATION_SCHEMA.SESSIONS")) {
            rows.next();
            return rows.getInt(1) - 1;
        }
    }

    @Override
    public void close() throws SQLException {
        OPEN.remove(url);
        try (keeper; var statement = keeper.createStatement()) {
            statement.execute("SHUTDOWN");
        }
    }

    private Connection connect(Properties info) throws SQLException {
        connectingThreads.add(Thread.currentThread().getName());
        peakConnecting.accumulateAndGet(connecting.incrementAndGet(), Math::max);
        try {
            CyclicBarrier waitFor = gate;
            if (waitFor != null) {
                try {
                    waitFor.await(4, TimeUnit.SECONDS);
                } catch (TimeoutException | BrokenBarrierException e) {
                    throw new SQLException("the test held this connect until " + waitFor.getParties()
                        + " were connecting at once; at most " + peakConnecting.get() + " were", e);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new SQLException("interrupted while connecting", e);
                }
            }
            return DriverManager.getConnection(url, info);
        } finally {
            connecting.decrementAndGet();
        }
    }

    /** Accepts {@code jdbc:watched:<h2 url>} and reports each connect to its {@link ProfilesDb}. */
    private static final class WatchingDriver implements Driver {

        @Override
        public Connection connect(String url, Properties info) throws SQLException {
            if (!acceptsURL(url)) {
                return null;
            }
            ProfilesDb db = OPEN.get(url.substring(WATCHED.length()));
            if (db == null) {
                throw new SQLException("no such test database (closed?): " + url);
            }
            return db.connect(info);
        }

        @Override
        public boolean acceptsURL(String url) {
            return url != null && url.startsWith(WATCHED);
        }

        @Override
        public DriverPropertyInfo[] getPropertyInfo(String url, Properties info) {
            return new DriverPropertyInfo[0];
        }

        @Override
        public int getMajorVersion() {
            return 1;
        }

        @Override
        public int getMinorVersion() {
            return 0;
        }

        @Override
        public boolean jdbcCompliant() {
            return false;
        }

        @Override
        public Logger getParentLogger() throws SQLFeatureNotSupportedException {
            throw new SQLFeatureNotSupportedException();
        }
    }
}
