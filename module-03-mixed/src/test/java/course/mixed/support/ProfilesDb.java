package course.mixed.support;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.UUID;

/**
 * A fresh in-memory H2 database with a {@code profiles(id, name)} table: 1 Ada, 2 Grace,
 * 3 Barbara. Each instance has its own database; close() drops it.
 */
public final class ProfilesDb implements AutoCloseable {

    private final String url = "jdbc:h2:mem:profiles-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";
    // Keeps the database open for the test's lifetime (DB_CLOSE_DELAY=-1 does too; SHUTDOWN ends it).
    private final Connection keeper;

    public ProfilesDb() throws SQLException {
        keeper = DriverManager.getConnection(url);
        try (var statement = keeper.createStatement()) {
            statement.execute("CREATE TABLE profiles (id INT PRIMARY KEY, name VARCHAR(100) NOT NULL)");
            statement.execute("INSERT INTO profiles VALUES (1, 'Ada'), (2, 'Grace'), (3, 'Barbara')");
        }
    }

    public String url() {
        return url;
    }

    @Override
    public void close() throws SQLException {
        try (keeper; var statement = keeper.createStatement()) {
            statement.execute("SHUTDOWN");
        }
    }
}
