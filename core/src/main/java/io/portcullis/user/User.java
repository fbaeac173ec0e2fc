package io.portcullis.user;

import java.time.Instant;

/** A person who can sign in. Holds no secret: the password hash lives with the credential account. */
public record User(
        String id,
        String email,
        String name,
        boolean emailVerified,
        String image,
        String role,
        boolean banned,
        String banReason,
        Instant banExpires,
        Instant createdAt,
        Instant updatedAt,
        boolean twoFactorEnabled) {

    /** Whether a ban is in force at {@code now}: a ban with an expiry lifts itself. */
    public boolean isBannedAt(Instant now) {
        return banned && (banExpires == null || now.isBefore(banExpires));
    }
}
