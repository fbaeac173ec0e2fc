package io.portcullis.audit;

/** The kinds of security event. Each {@link #wireName()} is stored and served: never rename one. */
public enum AuditType {
    SIGN_UP("sign_up"),
    /** A user made by an operator (command line), not by signing up. */
    USER_CREATED("user_created"),
    SIGN_IN_SUCCESS("sign_in_success"),
    SIGN_IN_FAILURE("sign_in_failure"),
    SIGN_OUT("sign_out"),
    SESSION_REVOKED("session_revoked"),
    PASSWORD_CHANGED("password_changed"),
    PASSWORD_RESET("password_reset"),
    EMAIL_VERIFIED("email_verified"),
    ROLE_CHANGED("role_changed"),
    USER_BANNED("user_banned"),
    USER_UNBANNED("user_unbanned"),
    /** Too many failed attempts: the account is locked for a while (also for emails without an account). */
    ACCOUNT_LOCKED("account_locked"),
    ACCOUNT_UNLOCKED("account_unlocked"),
    /** A confirmed TOTP enrolment: from now on sign-in asks for a second factor. */
    TWO_FACTOR_ENABLED("two_factor_enabled"),
    TWO_FACTOR_DISABLED("two_factor_disabled"),
    /** A wrong TOTP or backup code (sign-in challenge or enrolment). */
    TWO_FACTOR_FAILED("two_factor_failed"),
    BACKUP_CODES_REGENERATED("backup_codes_regenerated"),
    /** An operator recorded a new server secret for the database (command line), the old one being lost. */
    SERVER_SECRET_REPLACED("server_secret_replaced"),
    USER_REMOVED("user_removed");

    private final String wireName;

    AuditType(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    /** @return the type with this wire name, or null */
    public static AuditType fromWireName(String name) {
        for (AuditType t : values()) if (t.wireName.equals(name)) return t;
        return null;
    }
}
