package io.portcullis.server.lockout;

import static org.assertj.core.api.Assertions.assertThat;

import io.portcullis.Sha256;
import io.portcullis.audit.AuditEvent;
import io.portcullis.audit.AuditQuery;
import io.portcullis.audit.AuditType;
import io.portcullis.server.testing.AuditLines;
import io.portcullis.server.testing.ServerContract;
import io.portcullis.server.testing.TestClient;
import io.portcullis.user.Roles;
import io.portcullis.user.User;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * Account lockout over HTTP: locks after {@code lockout.maxFailures} failures, refuses even the right
 * password while locked, lifts by itself, grows with each lock, answers unknown emails the same way,
 * and counts parallel attempts without letting more password checks through than the limit.
 */
public abstract class LockoutContract extends ServerContract {
    private static final String WRONG = "not the password at all";

    @Override
    protected Map<String, String> settings() {
        // 15m, 30m, then capped: the third lock in a row lasts 45m instead of 60m.
        return Map.of("lockout.maxDuration", "45m");
    }

    /** One attempt's answer as the client sees it: status, code and both retry headers. */
    private static String answer(TestClient.Response r) {
        String code = r.status() == 200 ? "" : r.json().path("code").asText();
        return r.status() + " " + code + " " + r.header("Retry-After") + "/" + r.header("X-Retry-After");
    }

    private String signIn(String email, String password) {
        return answer(server.client().signIn(email, password));
    }

    /** Five failures, then the given password while locked, then after the lock: five more failures and again. */
    private List<String> lockTwice(String email, String password) {
        List<String> answers = new ArrayList<>();
        for (int i = 0; i < 5; i++) answers.add(signIn(email, WRONG));
        answers.add(signIn(email, password));
        server.clock.advance(Duration.ofMinutes(15).minusSeconds(1));
        answers.add(signIn(email, password));
        server.clock.advance(Duration.ofSeconds(1));
        for (int i = 0; i < 5; i++) answers.add(signIn(email, WRONG));
        answers.add(signIn(email, password));
        return answers;
    }

    private static final List<String> LOCKED_TWICE = List.of(
            "401 INVALID_EMAIL_OR_PASSWORD null/null", "401 INVALID_EMAIL_OR_PASSWORD null/null",
            "401 INVALID_EMAIL_OR_PASSWORD null/null", "401 INVALID_EMAIL_OR_PASSWORD null/null",
            "401 INVALID_EMAIL_OR_PASSWORD null/null",
            "429 ACCOUNT_LOCKED 900/900",
            "429 ACCOUNT_LOCKED 1/1",
            "401 INVALID_EMAIL_OR_PASSWORD null/null", "401 INVALID_EMAIL_OR_PASSWORD null/null",
            "401 INVALID_EMAIL_OR_PASSWORD null/null", "401 INVALID_EMAIL_OR_PASSWORD null/null",
            "401 INVALID_EMAIL_OR_PASSWORD null/null",
            "429 ACCOUNT_LOCKED 1800/1800");

    @Test
    void theRightPasswordIsRefusedWhileLockedTheLockLiftsByItselfAndTheNextLastsTwiceAsLong() {
        User user = newUser(Roles.DEFAULT);
        assertThat(lockTwice(user.email(), PASSWORD)).containsExactlyElementsOf(LOCKED_TWICE);

        server.clock.advance(Duration.ofMinutes(30));
        assertThat(signIn(user.email(), PASSWORD)).isEqualTo("200  null/null");
        // The success forgot the history: the next lock is a first lock again.
        for (int i = 0; i < 5; i++) signIn(user.email(), WRONG);
        assertThat(signIn(user.email(), PASSWORD)).isEqualTo("429 ACCOUNT_LOCKED 900/900");
    }

    @Test
    void anUnknownEmailGoesThroughTheSameAnswersWithTheSameBodies() {
        String unknown = newEmail();
        assertThat(lockTwice(unknown, PASSWORD)).containsExactlyElementsOf(LOCKED_TWICE);

        User user = newUser(Roles.DEFAULT);
        TestClient known = server.client();
        TestClient stranger = server.client();
        for (int i = 0; i < 6; i++) {
            TestClient.Response a = known.signIn(user.email(), i < 5 ? WRONG : PASSWORD);
            TestClient.Response b = stranger.signIn(unknown.replace("user-", "other-"), i < 5 ? WRONG : PASSWORD);
            assertThat(b.status()).isEqualTo(a.status());
            assertThat(b.body()).isEqualTo(a.body());
        }
    }

    @Test
    void locksGrowUpToMaxDuration() {
        User user = newUser(Roles.DEFAULT);
        List<String> retryAfter = new ArrayList<>();
        for (int lock = 0; lock < 4; lock++) {
            for (int i = 0; i < 5; i++) signIn(user.email(), WRONG);
            TestClient.Response locked = server.client().signIn(user.email(), PASSWORD);
            retryAfter.add(locked.header("Retry-After"));
            server.clock.advance(Duration.ofSeconds(Long.parseLong(locked.header("Retry-After"))));
        }
        assertThat(retryAfter).containsExactly("900", "1800", "2700", "2700");
    }

    @Test
    void failuresOlderThanResetAfterAreForgotten() {
        User user = newUser(Roles.DEFAULT);
        for (int i = 0; i < 4; i++) assertThat(signIn(user.email(), WRONG)).startsWith("401");
        server.clock.advance(Duration.ofHours(12));
        for (int i = 0; i < 4; i++) assertThat(signIn(user.email(), WRONG)).startsWith("401");
        assertThat(signIn(user.email(), PASSWORD)).isEqualTo("200  null/null");
    }

    @Test
    void fiftyParallelWrongPasswordsCheckThePasswordAtMostMaxFailuresTimesAndLockTheAccount() throws Exception {
        User user = newUser(Roles.DEFAULT);
        ExecutorService pool = Executors.newFixedThreadPool(50);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Integer>> results = new ArrayList<>();
        try {
            for (int i = 0; i < 50; i++) {
                TestClient client = server.client();
                Callable<Integer> attempt = () -> {
                    start.await();
                    return client.signIn(user.email(), WRONG).status();
                };
                results.add(pool.submit(attempt));
            }
            start.countDown();
            List<Integer> statuses = new ArrayList<>();
            for (Future<Integer> f : results) statuses.add(f.get());
            assertThat(statuses).filteredOn(s -> s == 401).hasSize(5);
            assertThat(statuses).filteredOn(s -> s == 429).hasSize(45);
        } finally {
            pool.shutdownNow();
        }
        // Each password check that failed wrote one event; the refused attempts say "locked".
        List<AuditEvent> failures = events(user, AuditType.SIGN_IN_FAILURE);
        assertThat(failures).filteredOn(e -> "wrong_password".equals(e.detail().get("reason"))).hasSize(5);
        assertThat(failures).filteredOn(e -> "locked".equals(e.detail().get("reason"))).hasSize(45);
        assertThat(events(user, AuditType.ACCOUNT_LOCKED)).hasSize(1);
        assertThat(signIn(user.email(), PASSWORD)).isEqualTo("429 ACCOUNT_LOCKED 900/900");
    }

    @Test
    void parallelSignInsWithTheRightPasswordAreNeitherCountedNorRefused() throws Exception {
        User user = newUser(Roles.DEFAULT);
        ExecutorService pool = Executors.newFixedThreadPool(20);
        try {
            List<Future<Integer>> results = new ArrayList<>();
            for (int i = 0; i < 20; i++) results.add(pool.submit(() -> server.client().signIn(user.email(), PASSWORD).status()));
            for (Future<Integer> f : results) assertThat(f.get()).isEqualTo(200);
        } finally {
            pool.shutdownNow();
        }
        for (int i = 0; i < 4; i++) assertThat(signIn(user.email(), WRONG)).startsWith("401");
        assertThat(signIn(user.email(), PASSWORD)).isEqualTo("200  null/null");
    }

    @Test
    void anAdminUnlocksAndTheUnlockIsAudited() {
        User user = newUser(Roles.DEFAULT);
        for (int i = 0; i < 5; i++) signIn(user.email(), WRONG);
        assertThat(signIn(user.email(), PASSWORD)).startsWith("429");

        TestClient admin = signedIn(newUser(Roles.ADMIN));
        assertThat(admin.post("/admin/unlock-user", "{\"userId\":\"" + user.id() + "\"}").status()).isEqualTo(200);
        assertThat(signIn(user.email(), PASSWORD)).isEqualTo("200  null/null");
        assertThat(events(user, AuditType.ACCOUNT_UNLOCKED)).singleElement()
                .satisfies(e -> assertThat(e.detail()).containsEntry("wasLocked", true));
    }

    @Test
    void wrongCurrentPasswordsAtChangePasswordCountAndLockSignInToo() {
        User user = newUser(Roles.DEFAULT);
        TestClient client = signedIn(user);
        String change = "{\"currentPassword\":\"%s\",\"newPassword\":\"a brand new passphrase 42\"}";
        for (int i = 0; i < 5; i++) {
            assertThat(client.post("/change-password", change.formatted(WRONG)).json().path("code").asText()).isEqualTo("INVALID_PASSWORD");
        }
        TestClient.Response locked = client.post("/change-password", change.formatted(PASSWORD));
        assertThat(locked.status()).isEqualTo(429);
        assertThat(locked.json().path("code").asText()).isEqualTo("ACCOUNT_LOCKED");
        assertThat(signIn(user.email(), PASSWORD)).startsWith("429 ACCOUNT_LOCKED");
    }

    @Test
    void aSignInWhoseSuccessCannotBeRecordedOpensNoSessionAndHoldsNoPlace() throws Exception {
        User user = newUser(Roles.DEFAULT);
        for (int i = 0; i < 4; i++) assertThat(signIn(user.email(), WRONG)).startsWith("401");
        // This user's success event, written with the session and the lockout's outcome, is refused by the
        // database (other users' rows, which the other tests write, still satisfy the check).
        signInRefusedBy(user, "audit_event", "type <> 'sign_in_success' OR user_id <> '" + user.id() + "'");
        // Its place was given back: with four failures and a place still held, the budget of five would be
        // taken and this attempt would wait for an outcome that never comes. Its success was undone too:
        // the four failures stand, and this fifth one locks the account.
        assertThat(signIn(user.email(), WRONG)).startsWith("401");
        assertThat(signIn(user.email(), PASSWORD)).startsWith("429 ACCOUNT_LOCKED");
    }

    @Test
    void whenTheLockoutsSuccessCannotBeWrittenTheSessionAndItsEventAreUndoneAndNoSuccessIsLogged() throws Exception {
        User user = newUser(Roles.DEFAULT);
        assertThat(signIn(user.email(), WRONG)).startsWith("401");
        try (AuditLines auditLog = AuditLines.capture()) {
            // The lockout's success (failures back to 0) is the last write of the sign-in's transaction; refuse it.
            signInRefusedBy(user, "login_attempt", "failures <> 0 OR identifier <> '" + Sha256.hex(user.email()) + "'");
            assertThat(signIn(user.email(), PASSWORD)).isEqualTo("200  null/null");
            assertThat(auditLog.mentioning("sign_in_success")).as("success lines: the second sign-in's only").hasSize(1);
        }
    }

    /**
     * Signs in with the right password while a CHECK constraint on {@code table} refuses one of the
     * sign-in's writes: the answer is 500, and neither a session nor a success event is kept.
     */
    private void signInRefusedBy(User user, String table, String check) throws Exception {
        whileTheDatabaseRefuses(table, check, () -> assertThat(server.client().signIn(user.email(), PASSWORD).status()).isEqualTo(500));
        assertThat(sessionsOf(user)).isZero();
        assertThat(events(user, AuditType.SIGN_IN_SUCCESS)).isEmpty();
    }

    private int sessionsOf(User user) throws Exception {
        try (Connection c = server.database.connect();
             PreparedStatement s = c.prepareStatement("SELECT COUNT(*) FROM session WHERE user_id = ?")) {
            s.setString(1, user.id());
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }

    @Test
    void theLockoutTableNamesNoAccount() throws Exception {
        User user = newUser(Roles.DEFAULT);
        signIn(user.email(), WRONG);
        try (Connection c = server.database.connect(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT identifier FROM login_attempt")) {
            List<String> identifiers = new ArrayList<>();
            while (rs.next()) identifiers.add(rs.getString(1));
            assertThat(identifiers).isNotEmpty().allMatch(i -> i.matches("[0-9a-f]{64}"));
            assertThat(identifiers).noneMatch(i -> i.contains(user.email()));
        }
    }

    private List<AuditEvent> events(User user, AuditType type) {
        return server.portcullis.audit().list(new AuditQuery(user.id(), type, null, null, AuditQuery.MAX_LIMIT));
    }
}
