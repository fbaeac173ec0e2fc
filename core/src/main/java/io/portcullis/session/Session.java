package io.portcullis.session;

import java.time.Instant;

/**
 * One row of the {@code session} table. {@code id} is public (safe to list and to pass to revoke
 * endpoints); the token itself is never part of this record.
 */
public record Session(
        String id,
        String userId,
        Instant createdAt,
        Instant lastActiveAt,
        Instant expiresAt,
        Instant absoluteExpiresAt,
        boolean rememberMe,
        String ipAddress,
        String userAgent,
        String authMethod) {

    /** Valid iff {@code now < expires_at} and {@code now < absolute_expires_at}. */
    public boolean isValidAt(Instant now) {
        return now.isBefore(expiresAt) && now.isBefore(absoluteExpiresAt);
    }

    Session withActivity(Instant lastActive, Instant expires) {
        return new Session(id, userId, createdAt, lastActive, expires, absoluteExpiresAt, rememberMe, ipAddress, userAgent, authMethod);
    }
}
