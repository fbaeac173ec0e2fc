package io.portcullis.twofactor;

import java.time.Instant;

/**
 * A user's row of {@code two_factor}.
 *
 * @param secretEncrypted the TOTP secret as {@link SecretCipher} stored it
 * @param verified whether a first code confirmed the enrolment (only then is it in force)
 * @param lastUsedStep the newest TOTP step accepted, or null before the first
 * @param backupCodes the unspent backup codes as {@link BackupCodes} stored them
 */
public record TwoFactorEnrolment(String userId, String secretEncrypted, boolean verified, Long lastUsedStep,
                                 String backupCodes, Instant createdAt, Instant updatedAt) {
    /** Leaves out the encrypted secret and the code hashes: neither belongs in a log. */
    @Override
    public String toString() {
        return "TwoFactorEnrolment[userId=" + userId + ", verified=" + verified + ", lastUsedStep=" + lastUsedStep
                + ", backupCodes=" + BackupCodes.remaining(backupCodes) + " left, createdAt=" + createdAt + ", updatedAt=" + updatedAt + "]";
    }
}
