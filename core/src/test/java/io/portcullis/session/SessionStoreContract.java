package io.portcullis.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.portcullis.ErrorCode;
import io.portcullis.Ids;
import io.portcullis.PortcullisException;
import io.portcullis.audit.AuditEvent;
import io.portcullis.audit.AuditQuery;
import io.portcullis.audit.AuditStore;
import io.portcullis.audit.AuditType;
import io.portcullis.config.DatabaseConfig;
import io.portcullis.db.Database;
import io.portcullis.testing.TestDatabase;
import io.portcullis.user.User;
import io.portcullis.user.UserStore;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** The user and session stores, against each real database. One subclass per database below. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class SessionStoreContract {
    private static final Instant T0 = Instant.parse("2026-03-01T10:00:00.123Z");

    private TestDatabase testDb;
    private Database db;
    private UserStore users;
    private SessionStore sessions;

    abstract TestDatabase.Kind kind();

    @BeforeAll
    void openDatabase() {
        testDb = TestDatabase.create(kind());
        var s = testDb.settings();
        db = Database.open(new DatabaseConfig(s.get("database.url"), s.get("database.username"), null, 4, true), null);
        assertThat(db.migrate()).isPositive();
        users = new UserStore(db);
        sessions = new SessionStore(db);
    }

    @AfterAll
    void closeDatabase() {
        if (db != null) db.close();
        if (testDb != null) testDb.close();
    }

    private User newUser() {
        return users.create(Ids.newId().toLowerCase() + "@example.com", "Someone", null, UserStore.DEFAULT_ROLE, false, "$argon2id$not-a-real-hash", T0);
    }

    private Session newSession(User user, Instant created, Duration idle) {
        return new Session(Ids.newId(), user.id(), created, created, created.plus(idle), created.plus(Duration.ofDays(30)),
                true, "203.0.113.7", "JUnit", "password");
    }

    @Test
    void aSessionIsFoundByItsTokenHashWithItsUserAndExactMillisecondTimes() {
        User user = newUser();
        Session session = newSession(user, T0, Duration.ofMinutes(30));
        String token = SessionToken.generate();
        sessions.insert(session, SessionToken.hash(token));

        SessionStore.SessionOfUser found = sessions.findByTokenHash(SessionToken.hash(token)).orElseThrow();

        assertThat(found.session()).isEqualTo(session);
        assertThat(found.user()).isEqualTo(user);
        assertThat(sessions.findByTokenHash(SessionToken.hash(SessionToken.generate()))).isEmpty();
    }

    @Test
    void manyTokensAreLookedUpInOneReadEachWithItsOwnSessionAndUser() {
        List<String> hashes = new ArrayList<>();
        Map<String, SessionStore.SessionOfUser> expected = new java.util.HashMap<>();
        for (int i = 0; i < SessionStore.MAX_TOKENS_PER_READ - 1; i++) {
            User user = newUser();
            Session session = newSession(user, T0, Duration.ofMinutes(30));
            String hash = SessionToken.hash(SessionToken.generate());
            sessions.insert(session, hash);
            hashes.add(hash);
            expected.put(hash, new SessionStore.SessionOfUser(session, user));
        }
        String unknown = SessionToken.hash(SessionToken.generate());

        // 3 tokens (a list padded to 4), 1, and the most one read takes, one of them unknown.
        assertThat(sessions.findByTokenHashes(List.of(hashes.get(0), unknown, hashes.get(1))))
                .containsOnlyKeys(hashes.get(0), hashes.get(1))
                .containsEntry(hashes.get(0), expected.get(hashes.get(0)))
                .containsEntry(hashes.get(1), expected.get(hashes.get(1)));
        assertThat(sessions.findByTokenHashes(List.of(hashes.get(2)))).containsExactlyEntriesOf(Map.of(hashes.get(2), expected.get(hashes.get(2))));
        List<String> most = new ArrayList<>(hashes);
        most.add(unknown);
        assertThat(sessions.findByTokenHashes(most)).isEqualTo(expected);
        assertThat(sessions.findByTokenHashes(List.of(unknown))).isEmpty();

        most.add(SessionToken.hash(SessionToken.generate()));
        assertThatThrownBy(() -> sessions.findByTokenHashes(most)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> sessions.findByTokenHashes(List.of())).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void touchWritesOnlyOnceForConcurrentRefreshesAndNeverMovesTimeBackwards() {
        User user = newUser();
        Session session = newSession(user, T0, Duration.ofMinutes(30));
        String hash = SessionToken.hash(SessionToken.generate());
        sessions.insert(session, hash);
        Duration updateAge = Duration.ofMinutes(5);
        Instant later = T0.plus(Duration.ofMinutes(6));
        Instant slightlyEarlier = later.minusSeconds(1);

        assertThat(sessions.touch(session.id(), later, later.plus(Duration.ofMinutes(30)), later.minus(updateAge))).isTrue();
        // a second request that read the old row at nearly the same moment must not write again
        assertThat(sessions.touch(session.id(), later, later.plus(Duration.ofMinutes(30)), later.minus(updateAge))).isFalse();
        // a late writer with an older clock reading cannot move the times back
        assertThat(sessions.touch(session.id(), slightlyEarlier, slightlyEarlier.plus(Duration.ofMinutes(30)), slightlyEarlier.minus(updateAge))).isFalse();

        Session stored = sessions.findByTokenHash(hash).orElseThrow().session();
        assertThat(stored.lastActiveAt()).isEqualTo(later);
        assertThat(stored.expiresAt()).isEqualTo(later.plus(Duration.ofMinutes(30)));
    }

    @Test
    void deletingAUserDeletesItsSessionsAndCredentialThroughForeignKeys() throws Exception {
        User user = newUser();
        String hash = SessionToken.hash(SessionToken.generate());
        sessions.insert(newSession(user, T0, Duration.ofMinutes(30)), hash);
        sessions.insert(newSession(user, T0, Duration.ofMinutes(30)), SessionToken.hash(SessionToken.generate()));
        assertThat(countRows("session", user.id())).isEqualTo(2);
        assertThat(countRows("account", user.id())).isEqualTo(1);

        assertThat(users.delete(user.id())).isTrue();

        assertThat(countRows("session", user.id())).isZero();
        assertThat(countRows("account", user.id())).isZero();
        assertThat(sessions.findByTokenHash(hash)).isEmpty();
    }

    @Test
    void listLiveReturnsOnlyUnexpiredSessionsNewestFirst() {
        User user = newUser();
        Session old = newSession(user, T0, Duration.ofMinutes(30));
        Session newer = newSession(user, T0.plusSeconds(60), Duration.ofMinutes(30));
        Session expired = newSession(user, T0.minus(Duration.ofHours(2)), Duration.ofMinutes(30));
        for (Session s : List.of(old, newer, expired)) sessions.insert(s, SessionToken.hash(SessionToken.generate()));

        List<Session> live = sessions.listLive(user.id(), T0.plusSeconds(120));

        assertThat(live).extracting(Session::id).containsExactly(newer.id(), old.id());
    }

    @Test
    void cleanupDeletesExpiredRowsInBatchesAndKeepsLiveOnes() throws Exception {
        User user = newUser();
        Instant farPast = T0.minus(Duration.ofDays(400));
        List<String> expiredIds = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            Session s = newSession(user, farPast, Duration.ofMinutes(30));
            expiredIds.add(s.id());
            sessions.insert(s, SessionToken.hash(SessionToken.generate()));
        }
        Session live = newSession(user, T0, Duration.ofMinutes(30));
        sessions.insert(live, SessionToken.hash(SessionToken.generate()));

        // Batches of 2: 2 + 2 + 1, then the loop stops. Rows of other tests may be expired too.
        int deleted = new SessionCleanup(sessions, java.time.Clock.fixed(T0, java.time.ZoneOffset.UTC), 2).run();

        assertThat(deleted).isGreaterThanOrEqualTo(5);
        assertThat(countRows("session", user.id())).isEqualTo(1);
        assertThat(sessions.listLive(user.id(), T0)).extracting(Session::id).containsExactly(live.id());
    }

    @Test
    void cleanupRunByTwoInstancesAtOnceDeletesEveryExpiredRowWithoutErrors() throws Exception {
        User user = newUser();
        Instant farPast = T0.minus(Duration.ofDays(800));
        for (int i = 0; i < 600; i++) {
            sessions.insert(newSession(user, farPast, Duration.ofMinutes(30)), SessionToken.hash(SessionToken.generate()));
        }
        java.time.Clock clock = java.time.Clock.fixed(T0, java.time.ZoneOffset.UTC);
        // Two instances: two cleanups over separate connections, small batches so they overlap.
        SessionCleanup a = new SessionCleanup(sessions, clock, 50);
        SessionCleanup b = new SessionCleanup(sessions, clock, 50);
        var pool = java.util.concurrent.Executors.newFixedThreadPool(2);
        try {
            var first = pool.submit(a::run);
            var second = pool.submit(b::run);
            int deleted = first.get() + second.get();
            assertThat(deleted).isGreaterThanOrEqualTo(600);
        } finally {
            pool.shutdownNow();
        }
        assertThat(countRows("session", user.id())).isZero();
    }

    @Test
    void replacingASessionThatWasRevokedMeanwhileInsertsNothing() {
        User user = newUser();
        Session old = newSession(user, T0, Duration.ofMinutes(30));
        sessions.insert(old, SessionToken.hash(SessionToken.generate()));
        Session replacement = newSession(user, T0, Duration.ofMinutes(30));
        sessions.deleteById(old.id());

        assertThatThrownBy(() -> sessions.replace(old.id(), replacement, SessionToken.hash(SessionToken.generate())))
                .isInstanceOfSatisfying(PortcullisException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.UNAUTHORIZED));
        assertThat(sessions.findById(replacement.id())).isEmpty();
    }

    @Test
    void createWithACapEvictsTheLeastRecentlyActiveOrRefusesAndIgnoresExpiredRows() {
        User user = newUser();
        Session expired = newSession(user, T0.minus(Duration.ofHours(3)), Duration.ofMinutes(30));
        Session older = newSession(user, T0.minusSeconds(20), Duration.ofMinutes(30));
        Session newer = newSession(user, T0.minusSeconds(10), Duration.ofMinutes(30));
        for (Session s : List.of(expired, older, newer)) sessions.insert(s, SessionToken.hash(SessionToken.generate()));

        Session third = newSession(user, T0, Duration.ofMinutes(30));
        assertThatThrownBy(() -> sessions.create(third, SessionToken.hash(SessionToken.generate()), SessionPrecondition.userActive(), 2, false, evicted -> {}))
                .isInstanceOfSatisfying(PortcullisException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.TOO_MANY_SESSIONS));
        assertThat(sessions.findById(third.id())).isEmpty();

        assertThat(sessions.create(third, SessionToken.hash(SessionToken.generate()), SessionPrecondition.userActive(), 2, true, evicted -> {}))
                .containsExactly(older.id());
        assertThat(sessions.listLive(user.id(), T0)).extracting(Session::id).containsExactly(third.id(), newer.id());
    }

    @Test
    void whatIsWrittenWhileEvictingCommitsWithTheEvictionOrNotAtAll() {
        User user = newUser();
        Session older = newSession(user, T0.minusSeconds(20), Duration.ofMinutes(30));
        sessions.insert(older, SessionToken.hash(SessionToken.generate()));
        AuditStore audit = new AuditStore(db);
        List<List<String>> calls = new ArrayList<>();

        Session withRoom = newSession(user, T0.minusSeconds(10), Duration.ofMinutes(30));
        sessions.create(withRoom, SessionToken.hash(SessionToken.generate()), SessionPrecondition.userActive(), 2, true, calls::add);
        assertThat(calls).as("nothing evicted, nothing called").isEmpty();

        Session refused = newSession(user, T0, Duration.ofMinutes(30));
        assertThatThrownBy(() -> sessions.create(refused, SessionToken.hash(SessionToken.generate()), SessionPrecondition.userActive(), 2, true,
                evicted -> {
                    audit.insert(eventAbout(user, evicted));
                    throw new IllegalStateException("the eviction's record was refused");
                })).hasMessageContaining("refused");
        assertThat(sessions.listLive(user.id(), T0)).extracting(Session::id).containsExactlyInAnyOrder(older.id(), withRoom.id());
        assertThat(audit.list(new AuditQuery(user.id(), null, null, null, 10))).as("undone with the eviction").isEmpty();

        Session admitted = newSession(user, T0, Duration.ofMinutes(30));
        sessions.create(admitted, SessionToken.hash(SessionToken.generate()), SessionPrecondition.userActive(), 2, true,
                evicted -> audit.insert(eventAbout(user, evicted)));
        assertThat(sessions.listLive(user.id(), T0)).extracting(Session::id).containsExactlyInAnyOrder(withRoom.id(), admitted.id());
        assertThat(audit.list(new AuditQuery(user.id(), null, null, null, 10))).singleElement()
                .satisfies(e -> assertThat(e.detail()).containsEntry("revoked", List.of(older.id())));
    }

    private static AuditEvent eventAbout(User user, List<String> evicted) {
        return new AuditEvent(0, T0, AuditType.SESSION_REVOKED, user.id(), user.id(), null, "127.0.0.1", "test", Map.of("revoked", evicted));
    }

    @Test
    void aSessionThatWaitedForAPasswordChangeUnderWayIsRefusedOnceThatChangeCommits() throws Exception {
        User user = newUser();
        String verified = users.findCredentialByUserId(user.id()).orElseThrow().passwordHash();
        Session raced = newSession(user, T0, Duration.ofMinutes(30));
        CompletableFuture<Throwable> creation;
        try (Connection c = testDb.connect()) {
            c.setAutoCommit(false);
            // The password change of another instance, under way: the user's lock held, the new hash written, not yet committed.
            try (PreparedStatement lock = c.prepareStatement(db.sql("SELECT id FROM <user> WHERE id = ? FOR UPDATE"));
                 PreparedStatement change = c.prepareStatement("UPDATE account SET password_hash = ? WHERE user_id = ?")) {
                lock.setString(1, user.id());
                lock.executeQuery().close();
                change.setString(1, "$argon2id$changed-meanwhile");
                change.setString(2, user.id());
                assertThat(change.executeUpdate()).isEqualTo(1);
            }
            creation = CompletableFuture.supplyAsync(() -> {
                try {
                    sessions.create(raced, SessionToken.hash(SessionToken.generate()), SessionPrecondition.passwordStill(verified), 0, true, evicted -> {});
                    return null;
                } catch (Throwable e) {
                    return e;
                }
            });
            // The case under test is a statement begun before the change committed: wait until it waits for the lock.
            awaitAStatementWaitingForALock();
            c.commit();
        }
        assertThat(creation.get(30, TimeUnit.SECONDS)).as("the creation's outcome")
                .isInstanceOfSatisfying(PortcullisException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_EMAIL_OR_PASSWORD));
        assertThat(sessions.findById(raced.id())).isEmpty();
    }

    /** Returns once the database reports a statement waiting for a row lock; fails after 10 s. */
    private void awaitAStatementWaitingForALock() throws Exception {
        String waiting = switch (kind()) {
            case POSTGRESQL -> "SELECT COUNT(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND datname = current_database()"
                    + " AND query LIKE '%FOR UPDATE%'";
            // MariaDB reports a primary-key lock wait met while planning as a running query, not as LOCK WAIT.
            case MARIADB -> "SELECT COUNT(*) FROM information_schema.processlist"
                    + " WHERE db = DATABASE() AND id <> CONNECTION_ID() AND command = 'Query' AND info LIKE '%FOR UPDATE%'";
            case H2 -> "SELECT COUNT(*) FROM INFORMATION_SCHEMA.SESSIONS WHERE BLOCKER_ID IS NOT NULL";
        };
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        try (Connection c = testDb.connect(); Statement s = c.createStatement()) {
            while (true) {
                try (ResultSet rs = s.executeQuery(waiting)) {
                    rs.next();
                    if (rs.getLong(1) > 0) return;
                }
                if (System.nanoTime() > deadline) throw new AssertionError("no statement came to wait for the lock");
                Thread.sleep(10);
            }
        }
    }

    @Test
    void aSessionIsNotCreatedWhenThePasswordChangedTheUserIsBannedOrGone() {
        User user = newUser();
        String verified = users.findCredentialByUserId(user.id()).orElseThrow().passwordHash();
        users.setPasswordHash(user.id(), "$argon2id$changed-meanwhile", T0);
        Session raced = newSession(user, T0, Duration.ofMinutes(30));
        assertThatThrownBy(() -> sessions.create(raced, SessionToken.hash(SessionToken.generate()), SessionPrecondition.passwordStill(verified), 0, true, evicted -> {}))
                .isInstanceOfSatisfying(PortcullisException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_EMAIL_OR_PASSWORD));
        assertThat(sessions.findById(raced.id())).isEmpty();

        users.updateBan(user.id(), true, null, T0.plusSeconds(60), T0);
        assertThatThrownBy(() -> sessions.create(raced, SessionToken.hash(SessionToken.generate()), SessionPrecondition.userActive(), 0, true, evicted -> {}))
                .isInstanceOfSatisfying(PortcullisException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.BANNED_USER));
        Session afterBan = newSession(user, T0.plusSeconds(60), Duration.ofMinutes(30));
        sessions.create(afterBan, SessionToken.hash(SessionToken.generate()), SessionPrecondition.userActive(), 0, true, evicted -> {});
        assertThat(sessions.findById(afterBan.id())).isPresent();

        users.delete(user.id());
        assertThatThrownBy(() -> sessions.create(newSession(user, T0, Duration.ofMinutes(30)), SessionToken.hash(SessionToken.generate()),
                SessionPrecondition.userActive(), 0, true, evicted -> {}))
                .isInstanceOfSatisfying(PortcullisException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.UNAUTHORIZED));
    }

    @Test
    void aRehashNeverOverwritesAPasswordChangedMeanwhile() {
        User user = newUser();
        users.setPasswordHash(user.id(), "$argon2id$changed-by-an-admin", T0);
        users.rehashPassword(user.id(), "$argon2id$not-a-real-hash", "$argon2id$rehash-of-the-old-password", T0);
        assertThat(users.findCredentialByUserId(user.id()).orElseThrow().passwordHash()).isEqualTo("$argon2id$changed-by-an-admin");
        users.rehashPassword(user.id(), "$argon2id$changed-by-an-admin", "$argon2id$stronger", T0);
        assertThat(users.findCredentialByUserId(user.id()).orElseThrow().passwordHash()).isEqualTo("$argon2id$stronger");
    }

    @Test
    void liftingAnExpiredBanLeavesABanSetMeanwhile() {
        User user = newUser();
        users.updateBan(user.id(), true, "for good", null, T0);
        assertThat(users.liftExpiredBan(user.id(), T0.plusSeconds(3600))).hasValueSatisfying(u -> assertThat(u.banned()).isTrue());
        users.updateBan(user.id(), true, "a minute", T0.plusSeconds(60), T0);
        assertThat(users.liftExpiredBan(user.id(), T0.plusSeconds(30))).hasValueSatisfying(u -> assertThat(u.banned()).isTrue());
        assertThat(users.liftExpiredBan(user.id(), T0.plusSeconds(60))).hasValueSatisfying(u -> {
            assertThat(u.banned()).isFalse();
            assertThat(u.banExpires()).isNull();
        });
    }

    @Test
    void aSecondUserWithTheSameEmailIsRefused() {
        User user = newUser();
        assertThatThrownBy(() -> users.create(user.email(), "Twin", null, UserStore.DEFAULT_ROLE, false, "$argon2id$x", T0))
                .isInstanceOfSatisfying(PortcullisException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.USER_ALREADY_EXISTS_USE_ANOTHER_EMAIL));
    }

    @Test
    void aFailingStatementDoesNotPutBoundValuesIntoTheExceptionMessage() {
        User user = newUser();
        String hash = SessionToken.hash(SessionToken.generate());
        sessions.insert(newSession(user, T0, Duration.ofMinutes(30)), hash);

        // The unique index on token_hash refuses a second row with the same hash.
        assertThatThrownBy(() -> sessions.insert(newSession(user, T0, Duration.ofMinutes(30)), hash))
                .satisfies(e -> {
                    for (Throwable t = e; t != null; t = t.getCause()) {
                        assertThat(String.valueOf(t.getMessage())).doesNotContain(hash);
                    }
                });
    }

    @Test
    void findByEmailReturnsTheStoredCredential() {
        User user = newUser();
        Optional<io.portcullis.user.Credential> found = users.findCredentialByEmail(user.email());
        assertThat(found).isPresent();
        assertThat(found.get().user()).isEqualTo(user);
        assertThat(found.get().passwordHash()).isEqualTo("$argon2id$not-a-real-hash");
        assertThat(users.findCredentialByEmail("nobody-" + Ids.newId() + "@example.com")).isEmpty();
    }

    private long countRows(String table, String userId) throws Exception {
        try (Connection c = testDb.connect(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM " + table + " WHERE user_id = '" + userId + "'")) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
