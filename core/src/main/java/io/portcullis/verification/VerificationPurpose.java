package io.portcullis.verification;

/** What a mailed token is for; a token of one purpose is worth nothing for another. Stored: never rename. */
public enum VerificationPurpose {
    EMAIL_VERIFICATION("email_verification"),
    PASSWORD_RESET("password_reset");

    private final String stored;

    VerificationPurpose(String stored) {
        this.stored = stored;
    }

    String stored() {
        return stored;
    }
}
