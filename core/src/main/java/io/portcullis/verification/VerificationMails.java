package io.portcullis.verification;

import io.portcullis.mail.MailMessage;
import io.portcullis.user.User;
import java.time.Duration;

/** The texts of the mails that carry a link: plain text and the same in simple HTML. */
public final class VerificationMails {
    private VerificationMails() {}

    static MailMessage verifyEmail(String appName, User user, String link, Duration validFor) {
        String greeting = user.name() == null || user.name().isBlank() ? "Hello," : "Hello " + user.name() + ",";
        String text = greeting + "\n\n"
                + "please confirm that " + user.email() + " is your address for " + appName + " by opening this link"
                + " within " + forHumans(validFor) + ":\n\n" + link + "\n\n"
                + "If you did not sign up for " + appName + ", ignore this mail: nothing happens without the link.\n";
        String html = "<p>" + escape(greeting) + "</p>"
                + "<p>please confirm that " + escape(user.email()) + " is your address for " + escape(appName)
                + " by opening this link within " + escape(forHumans(validFor)) + ":</p>"
                + "<p><a href=\"" + escape(link) + "\">Verify my email address</a></p>"
                + "<p>If you did not sign up for " + escape(appName) + ", ignore this mail: nothing happens without the link.</p>";
        return new MailMessage(user.email(), "Verify your email address for " + appName, text, html);
    }

    public static MailMessage resetPassword(String appName, User user, String link, Duration validFor) {
        String text = greeting(user) + "\n\n"
                + "someone, hopefully you, asked to reset the password of " + user.email() + " for " + appName + ". Choose a new one"
                + " by opening this link within " + forHumans(validFor) + ":\n\n" + link + "\n\n"
                + "Resetting signs you out everywhere. If you did not ask for it, ignore this mail: your password stays as it is.\n";
        String html = "<p>" + escape(greeting(user)) + "</p>"
                + "<p>someone, hopefully you, asked to reset the password of " + escape(user.email()) + " for " + escape(appName)
                + ". Choose a new one by opening this link within " + escape(forHumans(validFor)) + ":</p>"
                + "<p><a href=\"" + escape(link) + "\">Choose a new password</a></p>"
                + "<p>Resetting signs you out everywhere. If you did not ask for it, ignore this mail: your password stays as it is.</p>";
        return new MailMessage(user.email(), "Reset your password for " + appName, text, html);
    }

    /** "24 hours", "1 hour", "30 minutes": how long a link works, as people say it. */
    static String forHumans(Duration d) {
        long minutes = d.toMinutes();
        if (minutes % 60 != 0 || minutes == 0) return minutes + (minutes == 1 ? " minute" : " minutes");
        long hours = minutes / 60;
        return hours + (hours == 1 ? " hour" : " hours");
    }

    private static String greeting(User user) {
        return user.name() == null || user.name().isBlank() ? "Hello," : "Hello " + user.name() + ",";
    }

    static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;").replace("'", "&#39;");
    }
}
