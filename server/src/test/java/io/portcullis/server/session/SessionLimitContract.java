package io.portcullis.server.session;

import static org.assertj.core.api.Assertions.assertThat;

import io.portcullis.audit.AuditQuery;
import io.portcullis.audit.AuditType;
import io.portcullis.server.testing.AuditLines;
import io.portcullis.server.testing.ServerContract;
import io.portcullis.server.testing.TestClient;
import io.portcullis.server.testing.TestServer;
import io.portcullis.user.User;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** {@code session.maxPerUser=3} with {@code evict-oldest} (this class's server) and {@code reject} (a second server). */
abstract class SessionLimitContract extends ServerContract {
    private static final Map<String, String> REJECT = Map.of("session.maxPerUser", "3", "session.overflow", "reject");

    @Override
    protected Map<String, String> settings() {
        return Map.of("session.maxPerUser", "3", "session.overflow", "evict-oldest");
    }

    @Test
    void aFourthSignInEvictsTheLeastRecentlyActiveSession() throws Exception {
        User user = newUser("user");
        TestClient first = signedIn(user);
        server.clock.advance(Duration.ofMinutes(1));
        TestClient second = signedIn(user);
        String secondId = sessionIdOf(second);
        server.clock.advance(Duration.ofMinutes(1));
        TestClient third = signedIn(user);
        server.clock.advance(Duration.ofMinutes(5));
        assertThat(isSignedIn(first)).isTrue(); // past updateAge: the first is now the most recently active

        TestClient fourth = signedIn(user);

        assertThat(isSignedIn(second)).isFalse();
        assertThat(isSignedIn(first)).isTrue();
        assertThat(isSignedIn(third)).isTrue();
        assertThat(isSignedIn(fourth)).isTrue();
        assertThat(liveSessions(server, user)).isEqualTo(3);
        try (Connection c = server.database.connect();
             PreparedStatement ps = c.prepareStatement("SELECT detail FROM audit_event WHERE user_id = ? AND type = 'session_revoked'")) {
            ps.setString(1, user.id());
            try (ResultSet rs = ps.executeQuery()) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString(1)).contains("\"reason\":\"session_limit\"").contains(secondId);
            }
        }
    }

    @Test
    void anEvictionWhoseEventCannotBeStoredIsUndoneWithTheSignIn() throws Exception {
        User user = newUser("user");
        List<TestClient> three = threeSessions(user);

        whileTheDatabaseRefuses("audit_event", "type <> 'session_revoked' OR user_id <> '" + user.id() + "'",
                () -> assertThat(server.client().signIn(user.email(), PASSWORD).status()).isEqualTo(500));

        three.forEach(c -> assertThat(isSignedIn(c)).isTrue());
        assertThat(liveSessions(server, user)).isEqualTo(3);
        assertThat(server.portcullis.audit().list(new AuditQuery(user.id(), AuditType.SIGN_IN_SUCCESS, null, null, 10))).hasSize(3);
    }

    @Test
    void anEvictionUndoneWithItsSignInIsNeverLoggedAndOneThatCommitsIs() throws Exception {
        User user = newUser("user");
        List<TestClient> three = threeSessions(user);
        String oldest = sessionIdOf(three.get(0));

        try (AuditLines auditLog = AuditLines.capture()) {
            // The success event is the sign-in's last write, after the eviction and its event. The three
            // sessions' own success events, written before now, still pass.
            whileTheDatabaseRefuses("audit_event", "type <> 'sign_in_success' OR user_id <> '" + user.id() + "' OR at < " + timestampNow(),
                    () -> assertThat(server.client().signIn(user.email(), PASSWORD).status()).isEqualTo(500));
            three.forEach(c -> assertThat(isSignedIn(c)).isTrue());
            assertThat(auditLog.mentioning("session_revoked")).isEmpty();

            signedIn(user);
            assertThat(isSignedIn(three.get(0))).isFalse();
            assertThat(auditLog.mentioning("session_revoked")).singleElement().asString().contains(oldest);
        }
    }

    /** Three sessions of the user, least recently active first. */
    private List<TestClient> threeSessions(User user) {
        List<TestClient> three = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            three.add(signedIn(user));
            server.clock.advance(Duration.ofMinutes(1));
        }
        return three;
    }

    @Test
    void withRejectAFourthSignInIsRefusedUntilASessionEnds() {
        try (TestServer rejecting = TestServer.on(server.database, REJECT)) {
            rejecting.clock.set(START);
            User user = newUser("user");
            List<TestClient> three = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                TestClient c = rejecting.client();
                assertThat(c.signIn(user.email(), PASSWORD).status()).isEqualTo(200);
                three.add(c);
            }

            TestClient fourth = rejecting.client();
            TestClient.Response refused = fourth.signIn(user.email(), PASSWORD);

            assertThat(refused.status()).isEqualTo(409);
            assertThat(refused.json().get("code").asText()).isEqualTo("TOO_MANY_SESSIONS");
            assertThat(refused.setCookie(COOKIE)).isEmpty();
            three.forEach(c -> assertThat(isSignedIn(c)).isTrue());
            assertThat(rejecting.portcullis.audit().list(new AuditQuery(user.id(), AuditType.SIGN_IN_FAILURE, null, null, 10)))
                    .singleElement().satisfies(e -> assertThat(e.detail()).containsEntry("reason", "too_many_sessions"));

            three.get(0).post("/sign-out", "{}");
            assertThat(fourth.signIn(user.email(), PASSWORD).status()).isEqualTo(200);

            rejecting.clock.advance(Duration.ofMinutes(31)); // every session is idle-expired: none counts
            assertThat(rejecting.client().signIn(user.email(), PASSWORD).status()).isEqualTo(200);
        }
    }

    @Test
    void twentyParallelSignInsLeaveAtMostThreeLiveSessionsWithEvictOldest() throws Exception {
        User user = newUser("user");
        List<Integer> statuses = signInInParallel(server, user, 20);
        assertThat(statuses).containsOnly(200);
        assertThat(liveSessions(server, user)).isEqualTo(3);
    }

    @Test
    void twentyParallelSignInsLetExactlyThreeThroughWithReject() throws Exception {
        try (TestServer rejecting = TestServer.on(server.database, REJECT)) {
            rejecting.clock.set(START);
            User user = newUser("user");
            List<Integer> statuses = signInInParallel(rejecting, user, 20);
            assertThat(statuses.stream().filter(s -> s == 200)).hasSize(3);
            assertThat(statuses.stream().filter(s -> s == 409)).hasSize(17);
            assertThat(liveSessions(rejecting, user)).isEqualTo(3);
        }
    }

    private static List<Integer> signInInParallel(TestServer target, User user, int count) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(count);
        try {
            List<Future<Integer>> results = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                results.add(pool.submit(() -> target.client().signIn(user.email(), PASSWORD).status()));
            }
            List<Integer> statuses = new ArrayList<>();
            for (Future<Integer> f : results) statuses.add(f.get());
            return statuses;
        } finally {
            pool.shutdownNow();
        }
    }

    private static long liveSessions(TestServer target, User user) throws Exception {
        try (Connection c = target.database.connect();
             PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM session WHERE user_id = ? AND expires_at > ?")) {
            ps.setString(1, user.id());
            ps.setObject(2, java.time.LocalDateTime.ofInstant(target.clock.instant(), java.time.ZoneOffset.UTC));
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }
}
