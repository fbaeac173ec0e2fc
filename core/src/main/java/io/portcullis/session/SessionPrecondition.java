package io.portcullis.session;

import io.portcullis.ErrorCode;

/**
 * What must still hold, with the user's row locked, for a new session to be created: the user exists
 * and is not banned, and, for a password sign-in, the stored password hash is still the one that was
 * verified. A sign-in that raced a password change, a ban or a deletion then fails, instead of
 * creating a session after the revocation that was meant to end it.
 *
 * @param verifiedPasswordHash the hash the password was checked against, or null when no password was checked
 * @param refusal              the code to refuse with when the user is gone or the hash changed
 */
public record SessionPrecondition(String verifiedPasswordHash, ErrorCode refusal) {
    /** For a password sign-in: the credential must be unchanged. */
    public static SessionPrecondition passwordStill(String verifiedPasswordHash) {
        return new SessionPrecondition(verifiedPasswordHash, ErrorCode.INVALID_EMAIL_OR_PASSWORD);
    }

    /** For sessions not opened by a password check (sign-up, rotation): the user must exist and not be banned. */
    public static SessionPrecondition userActive() {
        return new SessionPrecondition(null, ErrorCode.UNAUTHORIZED);
    }
}
