package io.portcullis.lockout;

import java.time.Instant;

/**
 * The lockout state of one account identifier. {@code failures}: confirmed failures since the last
 * lock; {@code pending}: attempts admitted to a password check whose outcome is not known yet;
 * {@code locks}: locks since the last success, which sets the next lock's length.
 */
record LoginAttempt(int failures, int pending, int locks, Instant lockedUntil, Instant lastFailureAt, Instant lastAttemptAt) {
    boolean isLockedAt(Instant now) {
        return lockedUntil != null && now.isBefore(lockedUntil);
    }
}
