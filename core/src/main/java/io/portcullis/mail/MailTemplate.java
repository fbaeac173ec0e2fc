package io.portcullis.mail;

import java.util.List;

/**
 * The mails Portcullis sends, each a template named {@code name.txt} (first line {@code Subject: …},
 * a blank line, then the plain-text body) with an optional {@code name.html} body. Every template
 * gets {@code appName} and {@code email}; the variables below come on top.
 */
public enum MailTemplate {
    VERIFY_EMAIL("verify-email", "name", "link", "validFor"),
    RESET_PASSWORD("reset-password", "name", "link", "validFor"),
    PASSWORD_CHANGED("notice-password-changed", "byAdmin"),
    PASSWORD_RESET("notice-password-reset"),
    ACCOUNT_LOCKED("notice-account-locked", "until"),
    SIGN_UP_WITH_EXISTING_ADDRESS("notice-sign-up-existing-address"),
    TWO_FACTOR_ENABLED("notice-two-factor-enabled"),
    TWO_FACTOR_DISABLED("notice-two-factor-disabled");

    private final String fileName;
    private final List<String> variables;

    MailTemplate(String fileName, String... extra) {
        this.fileName = fileName;
        this.variables = List.copyOf(concat(extra));
    }

    private static List<String> concat(String[] extra) {
        var all = new java.util.ArrayList<>(List.of("appName", "email"));
        all.addAll(List.of(extra));
        return all;
    }

    /** The file name without extension, as in the templates directory. */
    public String fileName() {
        return fileName;
    }

    /** The variables the template may use, and the ones a caller must give. */
    public List<String> variables() {
        return variables;
    }
}
