package io.portcullis.notice;

import io.portcullis.mail.MailOutbox;
import io.portcullis.mail.MailTemplate;
import io.portcullis.mail.MailTemplates;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * Mails that tell account owners about changes they did not necessarily make: a password changed or
 * reset, the account locked, two-factor authentication turned on or off. Sent off the request thread; they never change an answer.
 */
public final class SecurityNotices {
    private final MailOutbox mail;
    private final MailTemplates templates;
    private final String appName;

    public SecurityNotices(MailOutbox mail, MailTemplates templates, String appName) {
        this.mail = mail;
        this.templates = templates;
        this.appName = appName;
    }

    public void passwordChanged(String email, String by) {
        send(MailTemplate.PASSWORD_CHANGED, email, Map.of("byAdmin", "admin".equals(by)));
    }

    public void passwordReset(String email) {
        send(MailTemplate.PASSWORD_RESET, email, Map.of());
    }

    public void accountLocked(String email, Instant until) {
        send(MailTemplate.ACCOUNT_LOCKED, email, Map.of("until", until.toString()));
    }

    /** Someone signed up with an address that has an account, while sign-up does not tell them so. */
    public void signUpWithExistingAddress(String email) {
        send(MailTemplate.SIGN_UP_WITH_EXISTING_ADDRESS, email, Map.of());
    }

    public void twoFactorEnabled(String email) {
        send(MailTemplate.TWO_FACTOR_ENABLED, email, Map.of());
    }

    public void twoFactorDisabled(String email) {
        send(MailTemplate.TWO_FACTOR_DISABLED, email, Map.of());
    }

    private void send(MailTemplate template, String email, Map<String, ?> variables) {
        Map<String, Object> all = new HashMap<>(variables);
        all.put("appName", appName);
        all.put("email", email);
        mail.enqueue(templates.render(template, email, all));
    }
}
