package io.portcullis.server.testing;

import static org.assertj.core.api.Assertions.assertThat;

import io.portcullis.testing.TestDatabase;
import io.portcullis.user.User;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.TestInstance;

/**
 * The base of the HTTP contract tests: one real server per test class on the database of the
 * subclass, its clock reset before each test, and helpers to make users and signed-in clients.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class ServerContract {
    public static final String PASSWORD = "correct horse battery staple";
    public static final String COOKIE = "portcullis.session_token";
    public static final Instant START = Instant.parse("2026-03-01T10:00:00Z");

    private static final DateTimeFormatter TO_THE_SECOND = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    protected TestServer server;

    protected abstract TestDatabase.Kind kind();

    /** Settings on top of the test defaults, for subclasses that need them. */
    protected Map<String, String> settings() {
        return Map.of();
    }

    @BeforeAll
    void startServer() {
        server = TestServer.start(kind(), settings());
    }

    @AfterAll
    void stopServer() {
        if (server != null) server.close();
    }

    @BeforeEach
    void resetClock() {
        server.clock.set(START);
    }

    public static String newEmail() {
        return "user-" + UUID.randomUUID() + "@example.com";
    }

    /** A user made directly through the engine, without a session. */
    protected User newUser(String role) {
        return server.portcullis.emailPassword().createUser(newEmail(), "Test User", PASSWORD, null, role);
    }

    /** A new client (think: browser) signed in as this user. */
    protected TestClient signedIn(User user) {
        TestClient client = server.client();
        assertThat(client.signIn(user.email(), PASSWORD).status()).isEqualTo(200);
        return client;
    }

    /** The public id of the client's current session. */
    protected static String sessionIdOf(TestClient client) {
        return client.get("/get-session").json().at("/session/id").asText();
    }

    /** Whether a session cookie value, presented by a fresh client, still names a valid session. */
    protected boolean cookieWorks(String cookie) {
        TestClient replay = server.client();
        replay.cookies.put(COOKIE, cookie);
        return isSignedIn(replay);
    }

    /** A step of a test that may throw. */
    @FunctionalInterface
    protected interface Step {
        void run() throws Exception;
    }

    /**
     * Runs {@code step} while the database refuses every row of {@code table} that fails {@code check}
     * (a CHECK constraint): one write of an action fails, and the test sees what the action keeps.
     */
    protected void whileTheDatabaseRefuses(String table, String check, Step step) throws Exception {
        execute("ALTER TABLE " + table + " ADD CONSTRAINT refused_by_test CHECK (" + check + ")");
        try {
            step.run();
        } finally {
            execute("ALTER TABLE " + table + " DROP CONSTRAINT refused_by_test");
        }
    }

    /** A SQL timestamp literal of this moment of the server's clock, to the second, as the databases store it (UTC). */
    protected String timestampNow() {
        return "TIMESTAMP '" + LocalDateTime.ofInstant(server.clock.instant(), ZoneOffset.UTC).format(TO_THE_SECOND) + "'";
    }

    private void execute(String sql) throws SQLException {
        try (Connection c = server.database.connect(); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    /** Whether this client's cookie still names a valid session (one get-session). */
    protected static boolean isSignedIn(TestClient client) {
        TestClient.Response r = client.get("/get-session");
        assertThat(r.status()).isEqualTo(200);
        return !r.body().equals("null");
    }
}
