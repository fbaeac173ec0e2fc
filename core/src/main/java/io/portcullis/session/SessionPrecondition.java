package io.portcullis.session;

import io.portcullis.ErrorCode;
import io.portcullis.Sha256;

/**
 * What must still hold, with the user's row locked, for a new session to be created: the user exists
 * and is not banned, and, after a password check, the stored password hash is still the one that was
 * verified. A sign-in that raced a password change, a ban or a deletion then fails, instead of
 * creating a session after the revocation that was meant to end it.
 *
 * @param passwordFingerprint SHA-256 hex of the password hash that was verified, or null when no password was checked
 * @param refusal             the code to refuse with when the user is gone or the password changed
 */
public record SessionPrecondition(String passwordFingerprint, ErrorCode refusal) {
    /** For a password sign-in: the credential must be unchanged. */
    public static SessionPrecondition passwordStill(String verifiedPasswordHash) {
        return new SessionPrecondition(fingerprint(verifiedPasswordHash), ErrorCode.INVALID_EMAIL_OR_PASSWORD);
    }

    /**
     * For the second step of a sign-in, minutes after the password's: the credential must be the one
     * whose fingerprint the challenge kept.
     */
    public static SessionPrecondition passwordFingerprintStill(String passwordFingerprint, ErrorCode refusal) {
        return new SessionPrecondition(passwordFingerprint, refusal);
    }

    /** For sessions not opened by a password check (sign-up, rotation): the user must exist and not be banned. */
    public static SessionPrecondition userActive() {
        return new SessionPrecondition(null, ErrorCode.UNAUTHORIZED);
    }

    /**
     * Why a sign-in's session was refused, as the audit trail's {@code sign_in_failure} reason, or null
     * for a refusal that is not the sign-in's to record.
     */
    public String auditReason(ErrorCode refused) {
        if (refused == ErrorCode.TOO_MANY_SESSIONS) return "too_many_sessions";
        if (refused == ErrorCode.BANNED_USER) return "banned";
        if (refused == refusal && passwordFingerprint != null) return "credential_changed";
        return null;
    }

    /** What is kept of a password hash to recognise it later: its SHA-256, never the hash itself. */
    public static String fingerprint(String passwordHash) {
        return Sha256.hex(passwordHash);
    }

    @Override
    public String toString() {
        return "SessionPrecondition[password=" + (passwordFingerprint != null) + ", refusal=" + refusal + "]";
    }
}
