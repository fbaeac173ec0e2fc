package io.portcullis.twofactor;

import static org.assertj.core.api.Assertions.assertThat;

import io.portcullis.Ids;
import io.portcullis.Sha256;
import io.portcullis.testing.Parallel;
import io.portcullis.user.User;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The two-factor enrolment and trusted-device stores, and what deleting a user does to them, against each real database (sign-in challenges: {@link SignInChallengeStoreContract}). */
abstract class TwoFactorStoreContract extends TwoFactorStoreTesting {
    private static final byte[] SERVER_SECRET = "a-server-secret-of-at-least-32-characters".getBytes(StandardCharsets.UTF_8);

    private final SecretCipher cipher = new SecretCipher(SERVER_SECRET);
    private final BackupCodes backupCodes = new BackupCodes(SERVER_SECRET);

    /** A pending enrolment as the service would store it; returns the stored secret text. */
    private String enrol(User user) {
        String secret = cipher.encrypt(user.id(), Totp.newSecret());
        assertThat(enrolments.savePending(user.id(), secret, backupCodes.stored(backupCodes.generate()), now())).isTrue();
        return secret;
    }

    // --- enrolment ---

    @Test
    void aPendingEnrolmentIsStoredAndReadBackWithExactMillisecondTimes() {
        User user = newUser();
        String secret = cipher.encrypt(user.id(), Totp.newSecret());
        String codes = backupCodes.stored(backupCodes.generate());

        assertThat(enrolments.savePending(user.id(), secret, codes, now())).isTrue();

        TwoFactorEnrolment row = enrolments.find(user.id()).orElseThrow();
        assertThat(row).isEqualTo(new TwoFactorEnrolment(user.id(), secret, false, null, codes, now(), now()));
        assertThat(row.toString()).doesNotContain(secret).doesNotContain(codes.substring(0, 64)).contains("10 left");
        assertThat(enrolments.find(newUser().id())).isEmpty();
    }

    @Test
    void enablingAgainBeforeConfirmingReplacesThePendingEnrolmentButNeverAVerifiedOne() {
        User user = newUser();
        String first = enrol(user);
        enrolments.acceptStep(user.id(), 100);
        clock.advance(Duration.ofMinutes(1));

        String second = cipher.encrypt(user.id(), Totp.newSecret());
        String secondCodes = backupCodes.stored(backupCodes.generate());
        assertThat(enrolments.savePending(user.id(), second, secondCodes, now())).isTrue();
        assertThat(enrolments.find(user.id())).hasValue(new TwoFactorEnrolment(user.id(), second, false, null, secondCodes, now(), now()));
        assertThat(enrolments.markVerified(user.id(), first, now())).as("the replaced secret").isFalse();

        assertThat(enrolments.markVerified(user.id(), second, now())).isTrue();
        String third = cipher.encrypt(user.id(), Totp.newSecret());
        assertThat(enrolments.savePending(user.id(), third, secondCodes, now())).isFalse();
        TwoFactorEnrolment kept = enrolments.find(user.id()).orElseThrow();
        assertThat(kept.secretEncrypted()).isEqualTo(second);
        assertThat(kept.verified()).isTrue();
    }

    @Test
    void parallelFirstEnrolmentsOfOneUserLeaveOneRowAndAllSucceed() throws Exception {
        for (int round = 0; round < 5; round++) {
            User user = newUser();
            List<String> secrets = new ArrayList<>();
            for (int i = 0; i < PARALLEL; i++) secrets.add(cipher.encrypt(user.id(), Totp.newSecret()));
            String codes = backupCodes.stored(backupCodes.generate());

            List<Boolean> results = Parallel.race(PARALLEL, i -> enrolments.savePending(user.id(), secrets.get(i), codes, now()));

            assertThat(results).as("round %d", round).containsOnly(true);
            assertThat(countRows("two_factor", user.id())).isEqualTo(1);
            assertThat(secrets).contains(enrolments.find(user.id()).orElseThrow().secretEncrypted());
        }
    }

    @Test
    void markVerifiedSucceedsOnceAndOnlyForTheSecretTheCodeWasCheckedAgainst() {
        User user = newUser();
        String secret = enrol(user);
        clock.advance(Duration.ofSeconds(30));

        assertThat(enrolments.markVerified(user.id(), cipher.encrypt(user.id(), Totp.newSecret()), now())).isFalse();
        assertThat(enrolments.markVerified(user.id(), secret, now())).isTrue();
        assertThat(enrolments.markVerified(user.id(), secret, now())).as("already verified").isFalse();
        TwoFactorEnrolment row = enrolments.find(user.id()).orElseThrow();
        assertThat(row.verified()).isTrue();
        assertThat(row.updatedAt()).isEqualTo(now());
        assertThat(row.createdAt()).isEqualTo(now().minusSeconds(30));
        assertThat(enrolments.markVerified(newUser().id(), secret, now())).as("no enrolment").isFalse();
    }

    @Test
    void aStepIsAcceptedOnceAndNeverAfterANewerOne() {
        User user = newUser();
        enrol(user);

        assertThat(enrolments.acceptStep(user.id(), 1_000)).isTrue();
        assertThat(enrolments.acceptStep(user.id(), 1_000)).as("the same code again").isFalse();
        assertThat(enrolments.acceptStep(user.id(), 999)).as("an older code").isFalse();
        assertThat(enrolments.acceptStep(user.id(), 1_001)).isTrue();
        assertThat(enrolments.find(user.id()).orElseThrow().lastUsedStep()).isEqualTo(1_001L);
        assertThat(enrolments.acceptStep(newUser().id(), 1_000)).as("no enrolment").isFalse();
    }

    @Test
    void ofTwentyParallelSubmissionsOfOneCodeExactlyOneIsAccepted() throws Exception {
        User user = newUser();
        enrol(user);
        for (long step = 58_000_000; step < 58_000_005; step++) {
            long s = step;
            List<Boolean> results = Parallel.race(PARALLEL, i -> enrolments.acceptStep(user.id(), s));
            assertThat(results).as("step %d", step).containsOnlyOnce(true).hasSize(PARALLEL);
        }
    }

    @Test
    void aBackupCodeIsSpentByCompareAndSetOnce() {
        User user = newUser();
        List<String> codes = backupCodes.generate();
        String stored = backupCodes.stored(codes);
        enrolments.savePending(user.id(), cipher.encrypt(user.id(), Totp.newSecret()), stored, now());

        String without = backupCodes.spend(stored, codes.get(0)).orElseThrow();
        clock.advance(Duration.ofSeconds(5));
        assertThat(enrolments.spendBackupCode(user.id(), stored, without, now())).isTrue();
        assertThat(enrolments.spendBackupCode(user.id(), stored, without, now())).as("read before the first spend").isFalse();
        TwoFactorEnrolment row = enrolments.find(user.id()).orElseThrow();
        assertThat(row.backupCodes()).isEqualTo(without);
        assertThat(row.updatedAt()).isEqualTo(now());
        assertThat(backupCodes.spend(row.backupCodes(), codes.get(0))).isEmpty();
    }

    @Test
    void ofTwentyParallelUsesOfOneBackupCodeExactlyOneSucceeds() throws Exception {
        User user = newUser();
        List<String> codes = backupCodes.generate();
        enrolments.savePending(user.id(), cipher.encrypt(user.id(), Totp.newSecret()), backupCodes.stored(codes), now());

        for (int round = 0; round < 5; round++) {
            String code = codes.get(round);
            // Each request reads the row, removes the code it was given, and writes back over what it read.
            List<Boolean> results = Parallel.race(PARALLEL, i -> {
                String read = enrolments.find(user.id()).orElseThrow().backupCodes();
                return backupCodes.spend(read, code).map(next -> enrolments.spendBackupCode(user.id(), read, next, now())).orElse(false);
            });

            assertThat(results).as("round %d", round).containsOnlyOnce(true);
            assertThat(BackupCodes.remaining(enrolments.find(user.id()).orElseThrow().backupCodes())).isEqualTo(9 - round);
        }
    }

    @Test
    void regeneratingReplacesEveryBackupCodeAndDisablingDeletesTheEnrolment() {
        User user = newUser();
        List<String> old = backupCodes.generate();
        enrolments.savePending(user.id(), cipher.encrypt(user.id(), Totp.newSecret()), backupCodes.stored(old), now());
        String fresh = backupCodes.stored(backupCodes.generate());

        assertThat(enrolments.replaceBackupCodes(user.id(), fresh, now())).isTrue();
        String stored = enrolments.find(user.id()).orElseThrow().backupCodes();
        assertThat(stored).isEqualTo(fresh);
        assertThat(old).allSatisfy(code -> assertThat(backupCodes.spend(stored, code)).isEmpty());

        assertThat(enrolments.delete(user.id())).isEqualTo(TwoFactorStore.Removed.PENDING);
        assertThat(enrolments.find(user.id())).isEmpty();
        assertThat(enrolments.delete(user.id())).isEqualTo(TwoFactorStore.Removed.NONE);
        assertThat(enrolments.markVerified(user.id(), enrol(user), now())).isTrue();
        assertThat(enrolments.delete(user.id())).isEqualTo(TwoFactorStore.Removed.CONFIRMED);
        assertThat(enrolments.replaceBackupCodes(user.id(), fresh, now())).isFalse();
    }

    // --- trusted devices ---

    @Test
    void aTrustedDeviceIsFoundByItsHashUntilItExpires() {
        User user = newUser();
        String id = Ids.newId();
        String hash = Sha256.hex(Ids.randomBase64Url(32));
        Instant expires = now().plus(Duration.ofDays(30));
        devices.insert(id, user.id(), hash, now(), expires);

        assertThat(devices.findValid(hash, now())).hasValue(new TrustedDevice(id, user.id(), now(), expires));
        assertThat(devices.findValid(hash, expires.minusMillis(1))).isPresent();
        assertThat(devices.findValid(hash, expires)).isEmpty();
        assertThat(devices.findValid(Sha256.hex(Ids.randomBase64Url(32)), now())).isEmpty();
    }

    @Test
    void forgettingAUsersDevicesLeavesOtherUsersDevices() throws Exception {
        User user = newUser();
        User other = newUser();
        Instant expires = now().plus(Duration.ofDays(30));
        String otherHash = Sha256.hex(Ids.randomBase64Url(32));
        devices.insert(Ids.newId(), user.id(), Sha256.hex(Ids.randomBase64Url(32)), now(), expires);
        devices.insert(Ids.newId(), user.id(), Sha256.hex(Ids.randomBase64Url(32)), now(), expires);
        devices.insert(Ids.newId(), other.id(), otherHash, now(), expires);

        assertThat(devices.deleteAll(user.id())).isEqualTo(2);

        assertThat(countRows("trusted_device", user.id())).isZero();
        assertThat(devices.findValid(otherHash, now())).isPresent();
    }

    @Test
    void turningTwoFactorOffTakesTheUserRowBeforeTheEnrolmentsAsASignInsCompletionDoes() throws Exception {
        User user = newUser();
        assertThat(enrolments.markVerified(user.id(), enrol(user), now())).isTrue();
        ExecutorService other = Executors.newSingleThreadExecutor();
        try {
            Future<TwoFactorStore.Removed> turnedOff = db.inTransaction(h -> {
                // A completion: the user's row locked (the session's creation), then the code used up on the enrolment's row.
                h.createQuery(db.sql("SELECT id FROM <user> WHERE id = :id FOR UPDATE")).bind("id", user.id()).mapTo(String.class).one();
                Future<TwoFactorStore.Removed> turningOff = other.submit(() -> enrolments.delete(user.id()));
                pause(Duration.ofMillis(300)); // turning off now waits for the user's row; taking the enrolment's first, it would deadlock with this
                assertThat(h.createUpdate("UPDATE two_factor SET last_used_step = 7 WHERE user_id = :id").bind("id", user.id()).execute())
                        .isEqualTo(1);
                return turningOff;
            });
            assertThat(turnedOff.get(10, TimeUnit.SECONDS)).isEqualTo(TwoFactorStore.Removed.CONFIRMED);
            assertThat(enrolments.find(user.id())).isEmpty();
        } finally {
            other.shutdownNow();
        }
    }

    @Test
    void cleanupDeletesExpiredDevicesAndChallengesOnly() throws Exception {
        User user = newUser();
        Instant past = now().minus(Duration.ofDays(400));
        devices.insert(Ids.newId(), user.id(), Sha256.hex(Ids.randomBase64Url(32)), past, past.plus(Duration.ofDays(30)));
        devices.insert(Ids.newId(), user.id(), Sha256.hex(Ids.randomBase64Url(32)), now(), now().plus(Duration.ofDays(30)));
        challenges.insert(Ids.newId(), user.id(), Sha256.hex(Ids.randomBase64Url(32)), false, FINGERPRINT, past, past.plus(Duration.ofMinutes(10)));
        challenges.insert(Ids.newId(), user.id(), Sha256.hex(Ids.randomBase64Url(32)), false, FINGERPRINT, now(), now().plus(Duration.ofMinutes(10)));

        // Rows of other tests may be expired too.
        assertThat(devices.deleteExpired(now())).isGreaterThanOrEqualTo(1);
        assertThat(challenges.deleteExpired(now())).isGreaterThanOrEqualTo(1);

        assertThat(countRows("trusted_device", user.id())).isEqualTo(1);
        assertThat(countRows("two_factor_challenge", user.id())).isEqualTo(1);
    }

    // --- the user ---

    @Test
    void deletingAUserDeletesItsEnrolmentDevicesAndChallenges() throws Exception {
        User user = newUser();
        enrol(user);
        devices.insert(Ids.newId(), user.id(), Sha256.hex(Ids.randomBase64Url(32)), now(), now().plus(Duration.ofDays(30)));
        challenges.insert(Ids.newId(), user.id(), Sha256.hex(Ids.randomBase64Url(32)), false, FINGERPRINT, now(), now().plus(Duration.ofMinutes(10)));
        assertThat(countRows("two_factor", user.id()) + countRows("trusted_device", user.id()) + countRows("two_factor_challenge", user.id()))
                .isEqualTo(3);

        assertThat(users.delete(user.id())).isTrue();

        assertThat(countRows("two_factor", user.id())).isZero();
        assertThat(countRows("trusted_device", user.id())).isZero();
        assertThat(countRows("two_factor_challenge", user.id())).isZero();
    }

    private long countRows(String table, String userId) throws Exception {
        try (Connection c = testDb.connect(); PreparedStatement s = c.prepareStatement("SELECT COUNT(*) FROM " + table + " WHERE user_id = ?")) {
            s.setString(1, userId);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }
}
