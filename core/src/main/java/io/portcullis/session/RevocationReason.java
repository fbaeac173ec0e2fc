package io.portcullis.session;

/** Why sessions were revoked, as written in the audit trail's {@code detail.reason}. Never rename one. */
public enum RevocationReason {
    /** The user revoked their own session(s). */
    USER("user"),
    /** The user changed their password; their other sessions go. */
    PASSWORD_CHANGED("password_changed"),
    /** An administrator (or the command line) signed the user out. */
    ADMIN("admin"),
    BANNED("banned"),
    ROLE_CHANGED("role_changed"),
    PASSWORD_SET_BY_ADMIN("password_set_by_admin"),
    /** A password reset by mailed link: every session ends. */
    PASSWORD_RESET("password_reset"),
    /** {@code session.maxPerUser} was reached and the least recently active session made room. */
    SESSION_LIMIT("session_limit");

    private final String wireName;

    RevocationReason(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }
}
