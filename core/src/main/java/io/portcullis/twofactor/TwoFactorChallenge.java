package io.portcullis.twofactor;

import java.time.Instant;

/**
 * A row of {@code two_factor_challenge}: the state between a correct password and the second factor.
 *
 * @param rememberMe what the sign-in asked for, applied to the session made once the challenge is met
 * @param passwordFingerprint SHA-256 hex of the password hash the sign-in verified
 * @param attempts codes tried so far
 * @param usedAt when the challenge was met, or null
 */
public record TwoFactorChallenge(String id, String userId, boolean rememberMe, String passwordFingerprint, Instant createdAt, Instant expiresAt,
                                 int attempts, Instant usedAt) {
    /** Not yet met and not expired at {@code now} (attempts are the store's to count). */
    public boolean isOpen(Instant now) {
        return usedAt == null && now.isBefore(expiresAt);
    }
}
