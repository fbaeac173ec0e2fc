package io.portcullis.verification;

import io.portcullis.mail.MailMessage;
import io.portcullis.mail.MailTemplate;
import io.portcullis.mail.MailTemplates;
import io.portcullis.user.User;
import java.time.Duration;
import java.util.Map;

/** The mails that carry a single-use link: verify an address, reset a password. */
public final class VerificationMails {
    private final MailTemplates templates;
    private final String appName;

    public VerificationMails(MailTemplates templates, String appName) {
        this.templates = templates;
        this.appName = appName;
    }

    MailMessage verifyEmail(User user, String link, Duration validFor) {
        return withLink(MailTemplate.VERIFY_EMAIL, user, link, validFor);
    }

    public MailMessage resetPassword(User user, String link, Duration validFor) {
        return withLink(MailTemplate.RESET_PASSWORD, user, link, validFor);
    }

    private MailMessage withLink(MailTemplate template, User user, String link, Duration validFor) {
        return templates.render(template, user.email(), Map.of("appName", appName, "email", user.email(),
                "name", user.name() == null ? "" : user.name().strip(), "link", link, "validFor", forHumans(validFor)));
    }

    /** "24 hours", "1 hour", "30 minutes": how long a link works, as people say it. */
    static String forHumans(Duration d) {
        long minutes = d.toMinutes();
        if (minutes % 60 != 0 || minutes == 0) return minutes + (minutes == 1 ? " minute" : " minutes");
        long hours = minutes / 60;
        return hours + (hours == 1 ? " hour" : " hours");
    }
}
