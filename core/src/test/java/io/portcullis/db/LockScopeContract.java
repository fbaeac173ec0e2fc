package io.portcullis.db;

import static org.assertj.core.api.Assertions.assertThat;

import io.portcullis.Ids;
import io.portcullis.Portcullis;
import io.portcullis.audit.Actor;
import io.portcullis.session.ClientInfo;
import io.portcullis.session.RevocationReason;
import io.portcullis.session.SessionPrecondition;
import io.portcullis.session.SessionToken;
import io.portcullis.testing.MutableClock;
import io.portcullis.testing.TestDatabase;
import io.portcullis.user.User;
import io.portcullis.user.UserStore;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * What a transaction locks, on each database: no more than the rows it changes, so that one user's
 * work never waits for another's. Every scheduled cleanup deletes what has expired while a live row of
 * its table is held by a transaction under way (a sign-in, a refresh, a reset), without waiting for
 * it; a transaction that ends one user's sessions holds up no other user. The tables hold many rows
 * that match against few that do not, the case in which MariaDB's optimiser reads the whole table
 * rather than the index on the condition.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class LockScopeContract {
    private static final Instant NOW = Instant.parse("2026-03-01T10:00:00Z");
    private static final Instant LIVE = NOW.plus(Duration.ofDays(1));
    private static final Instant EXPIRED = NOW.minus(Duration.ofDays(30));
    private static final int LIVE_ROWS = 10;
    private static final int EXPIRED_ROWS = 40;

    private final MutableClock clock = new MutableClock(NOW);
    private TestDatabase database;
    private Portcullis engine;
    private final ExecutorService cleaner = Executors.newSingleThreadExecutor();

    abstract TestDatabase.Kind kind();

    @BeforeAll
    void start() {
        database = TestDatabase.create(kind());
        engine = Portcullis.builder(database.engineConfig()).clock(clock).backgroundJobs(false).start();
    }

    @AfterAll
    void stop() {
        cleaner.shutdownNow();
        if (engine != null) engine.close();
        if (database != null) database.close();
    }

    @Test
    void sessions() throws Exception {
        User user = newUser();
        List<String> live = rows(LIVE_ROWS, id -> insert("""
                INSERT INTO session (id, token_hash, user_id, created_at, last_active_at, expires_at, absolute_expires_at,
                                     remember_me, ip_address, user_agent, auth_method)
                VALUES (?, ?, ?, ?, ?, ?, ?, TRUE, '', '', 'password')""", id, hash(), user.id(), NOW, NOW, LIVE, LIVE));
        rows(EXPIRED_ROWS, id -> insert("""
                INSERT INTO session (id, token_hash, user_id, created_at, last_active_at, expires_at, absolute_expires_at,
                                     remember_me, ip_address, user_agent, auth_method)
                VALUES (?, ?, ?, ?, ?, ?, ?, TRUE, '', '', 'password')""", id, hash(), user.id(), EXPIRED, EXPIRED, EXPIRED, LIVE));

        assertThat(whileHeld("session", "id", live.get(3), () -> engine.cleanup().run())).isEqualTo(EXPIRED_ROWS);
        assertThat(remaining("session WHERE user_id = '" + user.id() + "'", "id")).containsExactlyInAnyOrderElementsOf(live);
    }

    @Test
    void rateLimitWindows() throws Exception {
        List<String> live = rows(LIVE_ROWS, bucket -> insert(
                "INSERT INTO rate_limit (bucket, window_start, count) VALUES (?, ?, 1)", bucket, NOW));
        rows(EXPIRED_ROWS, bucket -> insert(
                "INSERT INTO rate_limit (bucket, window_start, count) VALUES (?, ?, 1)", bucket, EXPIRED));

        assertThat(whileHeld("rate_limit", "bucket", live.get(3), () -> engine.rateLimitCleanup().run())).isEqualTo(EXPIRED_ROWS);
        assertThat(remaining("rate_limit", "bucket")).containsExactlyInAnyOrderElementsOf(live);
    }

    @Test
    void lockoutRecords() throws Exception {
        List<String> live = new ArrayList<>();
        for (int i = 0; i < LIVE_ROWS; i++) live.add(loginAttempt(NOW));
        for (int i = 0; i < EXPIRED_ROWS; i++) loginAttempt(EXPIRED);

        assertThat(whileHeld("login_attempt", "identifier", live.get(3), () -> engine.lockout().cleanup())).isEqualTo(EXPIRED_ROWS);
        assertThat(remaining("login_attempt", "identifier")).containsExactlyInAnyOrderElementsOf(live);
    }

    @Test
    void twoFactorChallengesAndTrustedDevices() throws Exception {
        User user = newUser();
        String challenge = """
                INSERT INTO two_factor_challenge (id, user_id, token_hash, remember_me, password_fingerprint, created_at, expires_at)
                VALUES (?, ?, ?, FALSE, ?, ?, ?)""";
        String device = "INSERT INTO trusted_device (id, user_id, token_hash, created_at, expires_at) VALUES (?, ?, ?, ?, ?)";
        List<String> liveChallenges = rows(LIVE_ROWS, id -> insert(challenge, id, user.id(), hash(), hash(), NOW, LIVE));
        rows(EXPIRED_ROWS, id -> insert(challenge, id, user.id(), hash(), hash(), EXPIRED, EXPIRED));
        List<String> liveDevices = rows(LIVE_ROWS, id -> insert(device, id, user.id(), hash(), NOW, LIVE));
        rows(EXPIRED_ROWS, id -> insert(device, id, user.id(), hash(), EXPIRED, EXPIRED));

        assertThat(whileHeld(List.of(new Row("two_factor_challenge", "id", liveChallenges.get(3)), new Row("trusted_device", "id", liveDevices.get(3))),
                () -> engine.signInChallenges().cleanup())).isEqualTo(2 * EXPIRED_ROWS);
        assertThat(remaining("two_factor_challenge", "id")).containsExactlyInAnyOrderElementsOf(liveChallenges);
        assertThat(remaining("trusted_device WHERE user_id = '" + user.id() + "'", "id")).containsExactlyInAnyOrderElementsOf(liveDevices);
    }

    @Test
    void verificationTokens() throws Exception {
        User user = newUser();
        String token = "INSERT INTO verification (id, user_id, purpose, token_hash, created_at, expires_at) VALUES (?, ?, 'reset', ?, ?, ?)";
        List<String> live = rows(LIVE_ROWS, id -> insert(token, id, user.id(), hash(), NOW, LIVE));
        rows(EXPIRED_ROWS, id -> insert(token, id, user.id(), hash(), EXPIRED, EXPIRED));

        assertThat(whileHeld("verification", "id", live.get(3), () -> engine.verificationTokens().cleanup())).isEqualTo(EXPIRED_ROWS);
        assertThat(remaining("verification", "id")).containsExactlyInAnyOrderElementsOf(live);
    }

    @Test
    void endingEveryOneOfAUsersSessionsHoldsUpNoOtherUser() throws Exception {
        User busy = newUser();
        User other = newUser();
        String session = """
                INSERT INTO session (id, token_hash, user_id, created_at, last_active_at, expires_at, absolute_expires_at,
                                     remember_me, ip_address, user_agent, auth_method)
                VALUES (?, ?, ?, ?, ?, ?, ?, TRUE, '', '', 'password')""";
        rows(EXPIRED_ROWS, id -> insert(session, id, hash(), busy.id(), NOW, NOW, LIVE, LIVE));
        // Active two days ago: validating it refreshes it, a write to its row.
        String token = SessionToken.generate();
        rows(1, id -> insert(session, id, SessionToken.hash(token), other.id(), NOW.minus(Duration.ofDays(2)),
                NOW.minus(Duration.ofDays(2)), LIVE, LIVE));
        analyze("session");

        // A password reset, a ban: the user's sessions end in a transaction that goes on for a while.
        CountDownLatch ended = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Future<Integer> revoke = cleaner.submit(() -> engine.database().inTransaction(h -> {
            int revoked = engine.sessions().revokeAll(busy.id(), Actor.COMMAND_LINE, RevocationReason.ADMIN);
            ended.countDown();
            try {
                release.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return revoked;
        }));
        ExecutorService otherUser = Executors.newSingleThreadExecutor();
        try {
            assertThat(ended.await(5, TimeUnit.SECONDS)).as("sessions ended").isTrue();
            Instant before = engine.clock().instant();
            assertThat(otherUser.submit(() -> engine.validator().validate(token)).get(5, TimeUnit.SECONDS))
                    .as("the other user's session, refreshed").hasValueSatisfying(s -> assertThat(s.session().lastActiveAt()).isAfterOrEqualTo(before));
            assertThat(otherUser.submit(() -> engine.sessions().create(other, false, ClientInfo.UNKNOWN, "password", SessionPrecondition.userActive()))
                    .get(5, TimeUnit.SECONDS)).as("a new session of the other user").isNotNull();
        } finally {
            release.countDown();
            otherUser.shutdownNow();
        }
        assertThat(revoke.get(5, TimeUnit.SECONDS)).isEqualTo(EXPIRED_ROWS);
    }

    @Test
    void aCleanupLeavesAnExpiredRowInUseForItsNextRunInsteadOfWaitingForIt() throws Exception {
        // Forgetting a user's devices (a password change) holds one of them, expired, and will delete the
        // other next: a cleanup that waited for the first while holding the second would deadlock with it.
        User user = newUser();
        String device = "INSERT INTO trusted_device (id, user_id, token_hash, created_at, expires_at) VALUES (?, ?, ?, ?, ?)";
        List<String> expired = rows(2, id -> insert(device, id, user.id(), hash(), EXPIRED, EXPIRED));
        try (Connection c = database.connect()) {
            c.setAutoCommit(false);
            c.setTransactionIsolation(Connection.TRANSACTION_READ_COMMITTED);
            try (PreparedStatement s = c.prepareStatement("SELECT id FROM trusted_device WHERE id = ? FOR UPDATE")) {
                s.setString(1, expired.get(0));
                s.executeQuery().close();
            }
            cleaner.submit(() -> engine.signInChallenges().cleanup()).get(5, TimeUnit.SECONDS);
            assertThat(remaining("trusted_device WHERE user_id = '" + user.id() + "'", "id")).as("left for the next run").containsExactly(expired.get(0));
            try (PreparedStatement s = c.prepareStatement("DELETE FROM trusted_device WHERE user_id = ?")) {
                s.setString(1, user.id());
                assertThat(s.executeUpdate()).isEqualTo(1);
            }
            c.commit();
        }
    }

    @Test
    void aBatchCleanupGoesOnUntilNothingHasExpired() {
        // More rows than one batch of KeyedCleanup: the second batch must run too.
        User user = newUser();
        String device = "INSERT INTO trusted_device (id, user_id, token_hash, created_at, expires_at) VALUES (?, ?, ?, ?, ?)";
        KeyedCleanup cleanup = new KeyedCleanup("trusted_device", "id", "user_id = :userId AND expires_at <= :now");
        rows(25, id -> insert(device, id, user.id(), hash(), EXPIRED, EXPIRED));
        assertThat(cleanup.all(engine.database(), Map.of("userId", user.id(), "now", NOW), 10)).isEqualTo(25);
        assertThat(cleanup.all(engine.database(), Map.of("userId", user.id(), "now", NOW), 10)).isZero();
    }

    /** A row, by its table and primary key. */
    private record Row(String table, String keyColumn, String key) {}

    private <T> T whileHeld(String table, String keyColumn, String key, Callable<T> cleanup) throws Exception {
        return whileHeld(List.of(new Row(table, keyColumn, key)), cleanup);
    }

    /**
     * Runs the cleanup while another connection holds these rows in an open transaction. A cleanup that
     * waits for one of them fails here after 5 s (MariaDB would wait 50 s).
     */
    private <T> T whileHeld(List<Row> rows, Callable<T> cleanup) throws Exception {
        for (Row row : rows) analyze(row.table());
        try (Connection c = database.connect()) {
            c.setAutoCommit(false);
            for (Row row : rows) {
                try (PreparedStatement s = c.prepareStatement(
                        "SELECT " + row.keyColumn() + " FROM " + row.table() + " WHERE " + row.keyColumn() + " = ? FOR UPDATE")) {
                    s.setString(1, row.key());
                    try (ResultSet rs = s.executeQuery()) {
                        assertThat(rs.next()).as("the held row of " + row.table()).isTrue();
                    }
                }
            }
            Future<T> run = cleaner.submit(cleanup);
            try {
                return run.get(5, TimeUnit.SECONDS);
            } finally {
                c.rollback();
            }
        }
    }

    /** Up-to-date statistics, which tell MariaDB's optimiser that most of the table has expired. */
    private void analyze(String table) throws SQLException {
        try (Connection c = database.connect(); Statement s = c.createStatement()) {
            s.execute(kind() == TestDatabase.Kind.POSTGRESQL ? "ANALYZE " + table : "ANALYZE TABLE " + table);
        }
    }

    private interface Insert {
        void row(String key) throws SQLException;
    }

    private static List<String> rows(int count, Insert insert) {
        List<String> keys = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String key = Ids.newId();
            try {
                insert.row(key);
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
            keys.add(key);
        }
        return keys;
    }

    private void insert(String sql, Object... values) throws SQLException {
        try (Connection c = database.connect(); PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < values.length; i++) {
                if (values[i] instanceof Instant at) s.setTimestamp(i + 1, Timestamp.from(at));
                else s.setString(i + 1, (String) values[i]);
            }
            s.executeUpdate();
        }
    }

    /** A lockout record whose last failure was at {@code lastFailure}; stale once lockout.resetAfter has passed. */
    private String loginAttempt(Instant lastFailure) throws SQLException {
        String identifier = hash();
        insert("""
                INSERT INTO login_attempt (identifier, failures, pending, locks, last_failure_at, last_attempt_at)
                VALUES (?, 1, 0, 0, ?, ?)""", identifier, lastFailure, lastFailure);
        return identifier;
    }

    /** The keys of the rows left in {@code table} (which may end with a condition). */
    private List<String> remaining(String table, String keyColumn) throws SQLException {
        List<String> keys = new ArrayList<>();
        try (Connection c = database.connect(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT " + keyColumn + " FROM " + table)) {
            while (rs.next()) keys.add(rs.getString(1));
        }
        return keys;
    }

    private User newUser() {
        return engine.users().create(Ids.newId().toLowerCase() + "@example.com", "Someone", null, UserStore.DEFAULT_ROLE, false,
                "$argon2id$not-a-real-hash", NOW);
    }

    private static String hash() {
        return HexFormat.of().formatHex(Ids.randomBytes(32));
    }
}
