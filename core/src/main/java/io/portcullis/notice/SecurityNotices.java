package io.portcullis.notice;

import io.portcullis.mail.MailMessage;
import io.portcullis.mail.MailOutbox;
import java.time.Instant;

/**
 * Mails that tell account owners about changes they did not necessarily make: a password changed or
 * reset, the account locked. Sent off the request thread; they never change an answer.
 */
public final class SecurityNotices {
    private final MailOutbox mail;
    private final String appName;

    public SecurityNotices(MailOutbox mail, String appName) {
        this.mail = mail;
        this.appName = appName;
    }

    public void passwordChanged(String email, String by) {
        send(email, "Your " + appName + " password was changed",
                "the password of " + email + " for " + appName + " was just changed" + ("admin".equals(by) ? " by an administrator" : "")
                        + ", and your other sessions were signed out.\n\nIf this was not you, reset your password at once and tell your administrator.");
    }

    public void passwordReset(String email) {
        send(email, "Your " + appName + " password was reset",
                "the password of " + email + " for " + appName + " was just reset, and every session was signed out.\n\n"
                        + "If this was not you, reset it again at once and tell your administrator.");
    }

    public void accountLocked(String email, Instant until) {
        send(email, "Your " + appName + " account is locked for a while",
                "after several failed sign-in attempts, " + email + " is locked for " + appName + " until " + until + " (UTC).\n\n"
                        + "If these attempts were yours, wait and try again. If not, someone may be guessing your password:"
                        + " a long, unique password keeps the account safe; the lock lifts by itself.");
    }

    /** Someone signed up with an address that has an account, while sign-up does not tell them so. */
    public void signUpWithExistingAddress(String email) {
        send(email, "Someone tried to sign up for " + appName + " with your address",
                "someone tried to create an account for " + appName + " with " + email + ", which already has one.\n\n"
                        + "If this was you, sign in instead, or reset your password if you forgot it. If not, ignore this mail:"
                        + " nothing was changed.");
    }

    private void send(String email, String subject, String body) {
        mail.enqueue(new MailMessage(email, subject, "Hello,\n\n" + body + "\n", null));
    }
}
