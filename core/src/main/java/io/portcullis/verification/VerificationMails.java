package io.portcullis.verification;

import io.portcullis.config.Durations;
import io.portcullis.mail.MailMessage;
import io.portcullis.user.User;
import java.time.Duration;

/** The texts of the mails that carry a link: plain text and the same in simple HTML. */
final class VerificationMails {
    private VerificationMails() {}

    static MailMessage verifyEmail(String appName, User user, String link, Duration validFor) {
        String greeting = user.name() == null || user.name().isBlank() ? "Hello," : "Hello " + user.name() + ",";
        String text = greeting + "\n\n"
                + "please confirm that " + user.email() + " is your address for " + appName + " by opening this link"
                + " within " + Durations.format(validFor) + ":\n\n" + link + "\n\n"
                + "If you did not sign up for " + appName + ", ignore this mail: nothing happens without the link.\n";
        String html = "<p>" + escape(greeting) + "</p>"
                + "<p>please confirm that " + escape(user.email()) + " is your address for " + escape(appName)
                + " by opening this link within " + escape(Durations.format(validFor)) + ":</p>"
                + "<p><a href=\"" + escape(link) + "\">Verify my email address</a></p>"
                + "<p>If you did not sign up for " + escape(appName) + ", ignore this mail: nothing happens without the link.</p>";
        return new MailMessage(user.email(), "Verify your email address for " + appName, text, html);
    }

    static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;").replace("'", "&#39;");
    }
}
