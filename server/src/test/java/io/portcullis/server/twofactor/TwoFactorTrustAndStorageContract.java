package io.portcullis.server.twofactor;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.portcullis.audit.AuditEvent;
import io.portcullis.audit.AuditQuery;
import io.portcullis.server.testing.DatabaseCells;
import io.portcullis.server.testing.Mailbox;
import io.portcullis.server.testing.TestClient;
import io.portcullis.server.testing.TestServer;
import io.portcullis.server.testing.TotpCodes;
import io.portcullis.twofactor.ServerSecretCheck;
import io.portcullis.twofactor.SignInChallenges;
import io.portcullis.user.User;
import jakarta.mail.internet.MimeMessage;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * TOTP two-factor authentication over HTTP, trusted devices (and what forgets them), what is stored
 * in the database, and what is audited and mailed.
 */
public abstract class TwoFactorTrustAndStorageContract extends TwoFactorTesting {
    // ---------------------------------------------------------------- trusted devices

    @Test
    void aTrustedDeviceSignsInWithoutACodeAndOthersAreStillChallenged() {
        Enrolment e = enableAndConfirm();
        TestClient device = challenge(e.user());
        TestClient.Response r = verifyTotp(device, freshCode(e), true);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        assertThat(r.setCookie(TRUST_COOKIE)).hasValueSatisfying(c -> assertThat(c).contains("HttpOnly").contains("Max-Age=2592000"));
        assertThat(device.post("/sign-out", "{}").status()).isEqualTo(200);

        assertThat(signInOutcome(device, e.user().email(), PASSWORD)).isEqualTo("session");
        assertThat(signInOutcome(server.client(), e.user().email(), PASSWORD)).isEqualTo("challenge");

        TestClient untrusting = challenge(e.user());
        assertThat(answer(verifyTotp(untrusting, freshCode(e), false))).isEqualTo("200 ");
        assertThat(untrusting.cookies).doesNotContainKey(TRUST_COOKIE);
    }

    @Test
    void aCompletionWhoseSuccessCannotBeStoredKeepsNothingAndItsChallengeAndCodeStayOpen() throws Exception {
        Enrolment e = enableAndConfirm();
        TestClient device = challenge(e.user());
        String code = freshCode(e);
        server.clock.advance(Duration.ofSeconds(1)); // the enrolment's own sign-in event, written before, still passes

        whileTheDatabaseRefuses("audit_event", "type <> 'sign_in_success' OR user_id <> '" + e.user().id() + "' OR at < " + timestampNow(), () -> {
            TestClient.Response refused = verifyTotp(device, code, true);
            assertThat(refused.status()).as(refused.body()).isEqualTo(500);
            assertThat(refused.setCookie(TRUST_COOKIE)).isEmpty();
        });
        assertThat(isSignedIn(device)).isFalse();
        try (Connection c = server.database.connect()) {
            assertThat(rows(c, "SELECT id FROM trusted_device WHERE user_id = ?", e.user().id())).as("devices trusted").isEmpty();
        }

        TestClient.Response completed = verifyTotp(device, code, true);
        assertThat(completed.status()).as("the same challenge, the same code, not used up: " + completed.body()).isEqualTo(200);
        assertThat(completed.setCookie(TRUST_COOKIE)).isPresent();
        assertThat(isSignedIn(device)).isTrue();
    }

    @Test
    void aBackupCodeWhoseCompletionCannotBeStoredIsNotSpent() throws Exception {
        Enrolment e = enableAndConfirm();
        TestClient device = challenge(e.user());
        server.clock.advance(Duration.ofSeconds(1)); // the enrolment's own sign-in event, written before, still passes
        String backupCode = e.backupCodes().get(0);

        whileTheDatabaseRefuses("audit_event", "type <> 'sign_in_success' OR user_id <> '" + e.user().id() + "' OR at < " + timestampNow(),
                () -> assertThat(answer(verifyBackupCode(device, backupCode))).startsWith("500"));
        assertThat(isSignedIn(device)).isFalse();

        assertThat(answer(verifyBackupCode(device, backupCode))).as("the same challenge, the same backup code").isEqualTo("200 ");
        assertThat(isSignedIn(device)).isTrue();
        assertThat(answer(verifyBackupCode(challenge(e.user()), backupCode))).as("spent by the completion that opened a session")
                .isEqualTo("401 INVALID_BACKUP_CODE");
    }

    @Test
    void anInstanceWithAnotherServerSecretWritesNoEnrolmentAndUsesUpNoChallengeAttemptOrCode() throws Exception {
        Enrolment e = enableAndConfirm(); // this server's secret is the one the database records
        TestClient device = challenge(e.user());
        String code = freshCode(e);
        Map<String, String> otherSecret = new HashMap<>(settings());
        otherSecret.put("secret", "another-secret-one-instance-was-given-by-mistake");
        Logger root = (Logger) LoggerFactory.getLogger(Logger.ROOT_LOGGER_NAME);
        ListAppender<ILoggingEvent> log = new ListAppender<>();
        log.start();
        root.addAppender(log);
        try (TestServer other = TestServer.on(server.database, otherSecret)) {
            User newcomer = aUser();
            TestClient client = other.client();
            assertThat(client.signIn(newcomer.email(), PASSWORD).status()).isEqualTo(200);
            assertThat(answer(client.post("/two-factor/enable", password(PASSWORD)))).startsWith("500 INTERNAL_SERVER_ERROR");
            try (Connection c = server.database.connect()) {
                assertThat(rows(c, "SELECT user_id FROM two_factor WHERE user_id = ?", newcomer.id())).as("enrolments under the other secret").isEmpty();
            }

            TestClient elsewhere = other.client();
            elsewhere.cookies.putAll(device.cookies);
            for (int i = 0; i <= SignInChallenges.MAX_ATTEMPTS; i++) {
                assertThat(answer(verifyTotp(elsewhere, code))).startsWith("500 INTERNAL_SERVER_ERROR");
            }
            assertThat(answer(verifyBackupCode(elsewhere, e.backupCodes().get(0)))).startsWith("500 INTERNAL_SERVER_ERROR");
            assertThat(other.statements.stream().filter(sql -> sql.contains("server_secret_check")))
                    .as("compared once, then the mismatch answered from memory").hasSize(1);

            other.clock.advance(Duration.ofSeconds(11)); // past the remembered mismatch: compared again, still another secret
            assertThat(answer(verifyTotp(elsewhere, code))).startsWith("500 INTERNAL_SERVER_ERROR");
            assertThat(other.statements.stream().filter(sql -> sql.contains("server_secret_check"))).hasSize(2);
            assertThat(log.list.stream().filter(event -> event.getLevel().isGreaterOrEqual(Level.ERROR)))
                    .as("one line for the mismatch, not one per refused request").singleElement().satisfies(event -> {
                        assertThat(event.getFormattedMessage()).contains("server secret").contains("portcullis secret replace")
                                .doesNotContain("another-secret");
                        assertThat(event.getThrowableProxy()).isNull();
                    });
        } finally {
            root.detachAppender(log);
        }

        assertThat(answer(verifyTotp(device, code))).as("the same challenge and code, on the right instance").isEqualTo("200 ");
        assertThat(answer(verifyBackupCode(challenge(e.user()), e.backupCodes().get(0)))).as("the backup code, unspent").isEqualTo("200 ");
    }

    @Test
    void aServerLeftRunningThroughASecretReplacementWritesNothingUnderItsOldSecret() throws Exception {
        Enrolment e = enableAndConfirm(); // this server compared, and holds its keys
        List<List<String>> codesBefore;
        try (Connection c = server.database.connect()) {
            codesBefore = rows(c, "SELECT backup_codes FROM two_factor WHERE user_id = ?", e.user().id());
        }
        ServerSecretCheck record = new ServerSecretCheck(server.portcullis.database(), server.clock);
        record.replace("a-secret-recorded-by-secret-replace-elsewhere".getBytes(StandardCharsets.UTF_8));
        try {
            User newcomer = aUser();
            TestClient client = signedIn(newcomer);
            assertThat(answer(client.post("/two-factor/enable", password(PASSWORD)))).startsWith("500 INTERNAL_SERVER_ERROR");
            assertThat(answer(e.client().post("/two-factor/generate-backup-codes", password(PASSWORD)))).startsWith("500 INTERNAL_SERVER_ERROR");
            try (Connection c = server.database.connect()) {
                assertThat(rows(c, "SELECT user_id FROM two_factor WHERE user_id = ?", newcomer.id())).as("no enrolment under the old secret").isEmpty();
                assertThat(rows(c, "SELECT backup_codes FROM two_factor WHERE user_id = ?", e.user().id()))
                        .as("the backup codes as they were").isEqualTo(codesBefore);
            }
        } finally {
            record.replace(settings().get("secret").getBytes(StandardCharsets.UTF_8));
            server.clock.advance(Duration.ofSeconds(11)); // past the remembered mismatch
        }
        assertThat(answer(e.client().post("/two-factor/generate-backup-codes", password(PASSWORD)))).as("the record back").isEqualTo("200 ");
    }

    @Test
    void aBackupCodeCanTrustTheDeviceToo() {
        Enrolment e = enableAndConfirm();
        TestClient device = challenge(e.user());
        TestClient.Response r = device.post("/two-factor/verify-backup-code", body("code", e.backupCodes().get(0), "trustDevice", "true"));
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        assertThat(r.setCookie(TRUST_COOKIE)).isPresent();
        assertThat(device.post("/sign-out", "{}").status()).isEqualTo(200);
        assertThat(signInOutcome(device, e.user().email(), PASSWORD)).isEqualTo("session");
    }

    @Test
    void aPasswordChangeForgetsTrustedDevices() {
        Enrolment e = enableAndConfirm();
        TestClient device = trustedAndSignedOut(e);

        TestClient.Response change = e.client().post("/change-password",
                "{\"currentPassword\":\"" + PASSWORD + "\",\"newPassword\":\"" + NEW_PASSWORD + "\",\"revokeOtherSessions\":true}");
        assertThat(change.status()).as(change.body()).isEqualTo(200);

        assertThat(signInOutcome(device, e.user().email(), NEW_PASSWORD)).isEqualTo("challenge");
    }

    @Test
    void aPasswordResetForgetsTrustedDevices() throws Exception {
        Enrolment e = enableAndConfirm();
        TestClient device = trustedAndSignedOut(e);

        assertThat(server.client().post("/request-password-reset", body("email", e.user().email(), "redirectTo", "/reset")).status()).isEqualTo(200);
        String token = resetToken(e.user().email());
        assertThat(server.client().post("/reset-password", body("token", token, "newPassword", NEW_PASSWORD)).status()).isEqualTo(200);

        assertThat(signInOutcome(device, e.user().email(), NEW_PASSWORD)).isEqualTo("challenge");
    }

    @Test
    void aPasswordResetDoesNotLiftALockThatWrongCodesCaused() throws Exception {
        Enrolment e = enableAndConfirm();
        TestClient client = challenge(e.user());
        for (int i = 0; i < 5; i++) assertThat(answer(verifyTotp(client, wrongCode(server, e)))).isEqualTo("401 INVALID_CODE");

        assertThat(server.client().post("/request-password-reset", body("email", e.user().email(), "redirectTo", "/reset")).status()).isEqualTo(200);
        String token = resetToken(e.user().email());
        assertThat(server.client().post("/reset-password", body("token", token, "newPassword", NEW_PASSWORD)).status()).isEqualTo(200);

        // Whoever reads the mailbox must not win five more guesses at the code with every reset.
        assertThat(answer(server.client().signIn(e.user().email(), NEW_PASSWORD))).isEqualTo("429 ACCOUNT_LOCKED");
        server.clock.advance(Duration.ofMinutes(15));
        assertThat(signInOutcome(server.client(), e.user().email(), NEW_PASSWORD)).isEqualTo("challenge");
    }

    /** The token of the reset link mailed to this address (other mails, such as notices, are skipped). */
    private String resetToken(String email) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        for (int expected = 1; System.nanoTime() < deadline; ) {
            List<MimeMessage> mails = mailbox.to(email, expected, Duration.ofSeconds(1));
            for (MimeMessage mail : mails) {
                Matcher m = RESET_LINK.matcher(Mailbox.text(mail));
                if (m.find()) return m.group(1);
            }
            expected = mails.size() + 1;
        }
        throw new AssertionError("no reset link mailed to " + email);
    }

    @Test
    void disablingAndEnablingAgainForgetsTrustedDevices() {
        Enrolment e = enableAndConfirm();
        TestClient device = trustedAndSignedOut(e);

        assertThat(answer(e.client().post("/two-factor/disable", password(PASSWORD)))).isEqualTo("200 ");
        Enrolment again = enable(e.user(), e.client());
        assertThat(answer(verifyTotp(again.client(), freshCode(again)))).isEqualTo("200 ");

        assertThat(signInOutcome(device, e.user().email(), PASSWORD)).isEqualTo("challenge");
    }

    // ---------------------------------------------------------------- storage and audit

    @Test
    void theDatabaseHoldsNoSecretNoBackupCodeAndNoCookieInTheClear() throws Exception {
        Enrolment e = enableAndConfirm();
        TestClient trusted = challenge(e.user());
        String usedChallenge = trusted.cookies.get(CHALLENGE_COOKIE);
        assertThat(answer(verifyTotp(trusted, freshCode(e), true))).isEqualTo("200 ");
        String trustCookie = trusted.cookies.get(TRUST_COOKIE);
        TestClient pending = challenge(e.user());
        String pendingChallenge = pending.cookies.get(CHALLENGE_COOKIE);
        assertThat(trustCookie).isNotNull();
        assertThat(pendingChallenge).isNotNull().isNotEqualTo(usedChallenge);

        try (Connection c = server.database.connect()) {
            List<List<String>> twoFactor = rows(c, "SELECT secret_encrypted, backup_codes FROM two_factor WHERE user_id = ?", e.user().id());
            assertThat(twoFactor).hasSize(1);
            String encrypted = twoFactor.get(0).get(0);
            String backupCodes = twoFactor.get(0).get(1);
            assertThat(encrypted).doesNotContain(e.secret()).doesNotContain(e.secret().toLowerCase(Locale.ROOT));
            for (String code : e.backupCodes()) {
                assertThat(backupCodes).doesNotContainIgnoringCase(code).doesNotContainIgnoringCase(code.replace("-", ""));
            }

            List<String> deviceHashes = column(rows(c, "SELECT token_hash FROM trusted_device WHERE user_id = ?", e.user().id()));
            assertThat(deviceHashes).hasSize(1).allMatch(h -> h.strip().matches("[0-9a-f]{64}")).doesNotContain(trustCookie);
            List<String> challengeHashes = column(rows(c, "SELECT token_hash FROM two_factor_challenge WHERE user_id = ?", e.user().id()));
            assertThat(challengeHashes).isNotEmpty().allMatch(h -> h.strip().matches("[0-9a-f]{64}"))
                    .doesNotContain(usedChallenge, pendingChallenge);
        }

        List<String> secrets = new ArrayList<>(List.of(e.secret(), e.secret().toLowerCase(Locale.ROOT), trustCookie, usedChallenge, pendingChallenge,
                trusted.cookies.get(COOKIE), e.client().cookies.get(COOKIE)));
        for (String code : e.backupCodes()) {
            secrets.add(code);
            secrets.add(code.replace("-", ""));
        }
        assertThat(DatabaseCells.containingAny(server.database, secrets)).as("cells holding a secret, a backup code or a cookie").isEmpty();
    }

    @Test
    void enablingFailingAndDisablingAreAuditedWithoutTheCodes() {
        Enrolment e = enableAndConfirm();
        String wrong = wrongCode(e);
        assertThat(answer(verifyTotp(challenge(e.user()), wrong))).isEqualTo("401 INVALID_CODE");
        assertThat(answer(e.client().post("/two-factor/disable", password(PASSWORD)))).isEqualTo("200 ");

        List<AuditEvent> events = server.portcullis.audit().list(new AuditQuery(e.user().id(), null, null, null, AuditQuery.MAX_LIMIT));
        assertThat(events).extracting(ev -> ev.type() == null ? null : ev.type().wireName()).contains("two_factor_enabled", "two_factor_failed", "two_factor_disabled");
        for (AuditEvent event : events) {
            String detail = String.valueOf(event.detail());
            assertThat(detail).doesNotContain(wrong).doesNotContain(e.secret());
            for (String code : e.backupCodes()) assertThat(detail).doesNotContain(code);
        }
    }

    @Test
    void theOwnerIsMailedWhenTwoFactorGoesOnAndOff() throws Exception {
        Enrolment e = enableAndConfirm();
        List<MimeMessage> on = mailbox.to(e.user().email(), 1, Duration.ofSeconds(10));
        assertThat(on).extracting(MimeMessage::getSubject).containsExactly("Two-factor authentication is on for your Portcullis account");
        assertThat(answer(e.client().post("/two-factor/disable", password(PASSWORD)))).isEqualTo("200 ");
        List<MimeMessage> both = mailbox.to(e.user().email(), 2, Duration.ofSeconds(10));
        assertThat(both).extracting(MimeMessage::getSubject).containsExactly("Two-factor authentication is on for your Portcullis account",
                "Two-factor authentication is off for your Portcullis account");
        assertThat(Mailbox.text(both.get(1))).contains(e.user().email(), "signing in takes only your password again");
    }

    @Test
    void turningOffAnEnrolmentNeverConfirmedIsNeitherAuditedNorMailed() throws Exception {
        Enrolment pending = enable(server, aUser());
        assertThat(answer(pending.client().post("/two-factor/disable", password(PASSWORD)))).isEqualTo("200 ");
        Enrolment confirmed = enable(pending.user(), pending.client());
        assertThat(answer(confirmed.client().post("/two-factor/verify-totp", body("code", TotpCodes.at(confirmed.secret(), server.clock.instant())))))
                .isEqualTo("200 ");

        List<AuditEvent> events = server.portcullis.audit().list(new AuditQuery(pending.user().id(), null, null, null, AuditQuery.MAX_LIMIT));
        assertThat(events).extracting(ev -> ev.type() == null ? null : ev.type().wireName())
                .as("two-factor authentication was never on before").contains("two_factor_enabled").doesNotContain("two_factor_disabled");
        // One mail worker, in order: an "off" notice would have come before this one.
        assertThat(mailbox.to(pending.user().email(), 1, Duration.ofSeconds(10))).extracting(MimeMessage::getSubject)
                .containsExactly("Two-factor authentication is on for your Portcullis account");
    }

    private static List<List<String>> rows(Connection c, String sql, String parameter) throws Exception {
        List<List<String>> rows = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement(sql)) {
            s.setString(1, parameter);
            try (ResultSet rs = s.executeQuery()) {
                int columns = rs.getMetaData().getColumnCount();
                while (rs.next()) {
                    List<String> row = new ArrayList<>();
                    for (int i = 1; i <= columns; i++) row.add(rs.getString(i));
                    rows.add(row);
                }
            }
        }
        return rows;
    }

    private static List<String> column(List<List<String>> rows) {
        return rows.stream().map(r -> r.get(0)).toList();
    }
}
