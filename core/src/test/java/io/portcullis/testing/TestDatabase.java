package io.portcullis.testing;

import io.portcullis.config.ConfigSources;
import io.portcullis.config.PortcullisConfig;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Assumptions;

/**
 * A fresh, empty database of one kind for one test class, on the real servers of this machine
 * (PostgreSQL on 127.0.0.1:5432, MariaDB on 127.0.0.1:3306; H2 in memory). Each gets its own
 * schema or database, dropped on {@link #close()}. When a server is unreachable the test is skipped,
 * unless {@code CI=true}: then it fails, so a missing database can never pass as green.
 */
public final class TestDatabase implements AutoCloseable {
    public enum Kind { H2, POSTGRESQL, MARIADB }

    static final String POSTGRES_ADMIN_URL = "jdbc:postgresql://127.0.0.1:5432/test";
    static final String MARIADB_ADMIN_URL = "jdbc:mariadb://127.0.0.1:3306/test";

    private final Kind kind;
    private final String name;
    private final String url;
    private final String username;

    private TestDatabase(Kind kind, String name, String url, String username) {
        this.kind = kind;
        this.name = name;
        this.url = url;
        this.username = username;
    }

    public static TestDatabase create(Kind kind) {
        String name = "pc_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
        return switch (kind) {
            case H2 -> new TestDatabase(kind, name, "jdbc:h2:mem:" + name + ";DB_CLOSE_DELAY=-1", null);
            case POSTGRESQL -> {
                admin(kind, POSTGRES_ADMIN_URL, "postgres", "CREATE SCHEMA " + name);
                yield new TestDatabase(kind, name, POSTGRES_ADMIN_URL + "?currentSchema=" + name, "postgres");
            }
            case MARIADB -> {
                admin(kind, MARIADB_ADMIN_URL, "root", "CREATE DATABASE " + name + " CHARACTER SET utf8mb4 COLLATE utf8mb4_bin");
                yield new TestDatabase(kind, name, "jdbc:mariadb://127.0.0.1:3306/" + name, "root");
            }
        };
    }

    /** Configuration entries that point Portcullis at this database. */
    public Map<String, String> settings() {
        return username == null ? Map.of("database.url", url) : Map.of("database.url", url, "database.username", username);
    }

    /**
     * An engine's configuration on this database, with a secret configured as in production: the
     * fallback would write ./data/secret into the module directory.
     */
    public PortcullisConfig engineConfig() {
        Map<String, String> settings = new HashMap<>(settings());
        settings.put("secret", "a-test-secret-of-at-least-32-characters");
        return PortcullisConfig.load(ConfigSources.of(settings));
    }

    public Kind kind() {
        return kind;
    }

    public String url() {
        return url;
    }

    /** A plain JDBC connection, for assertions that look at the tables directly. */
    public Connection connect() throws SQLException {
        return DriverManager.getConnection(url, username, null);
    }

    @Override
    public void close() {
        switch (kind) {
            case H2 -> {
                try (Connection c = connect(); Statement s = c.createStatement()) {
                    s.execute("SHUTDOWN");
                } catch (SQLException ignored) {
                    // already gone
                }
            }
            case POSTGRESQL -> admin(kind, POSTGRES_ADMIN_URL, "postgres", "DROP SCHEMA IF EXISTS " + name + " CASCADE");
            case MARIADB -> admin(kind, MARIADB_ADMIN_URL, "root", "DROP DATABASE IF EXISTS " + name);
        }
    }

    private static void admin(Kind kind, String adminUrl, String user, String sql) {
        try (Connection c = DriverManager.getConnection(adminUrl, user, null); Statement s = c.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            String what = kind.name().toLowerCase(Locale.ROOT) + " at " + adminUrl + " is unreachable: " + e.getMessage();
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                throw new AssertionError(what + " (CI=true: a missing database fails the run; start it as .ci/run does)", e);
            }
            Assumptions.abort(what + " (skipped outside CI)");
        }
    }
}
