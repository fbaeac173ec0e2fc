package io.portcullis.verification;

import io.portcullis.audit.Actor;
import io.portcullis.audit.AuditTrail;
import io.portcullis.audit.AuditType;
import io.portcullis.config.EmailVerificationConfig;
import io.portcullis.ErrorCode;
import io.portcullis.PortcullisException;
import io.portcullis.mail.MailOutbox;
import io.portcullis.user.EmailAddress;
import io.portcullis.user.User;
import io.portcullis.user.UserStore;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.Map;

/** Proving that a user owns their email address: a single-use link, mailed, followed. */
public final class EmailVerification {
    private final UserStore users;
    private final VerificationTokens tokens;
    private final MailOutbox mail;
    private final VerificationMails mails;
    private final EmailVerificationConfig config;
    /** {@code baseUrl + basePath + "/verify-email"}: where the link points. */
    private final String verifyUrl;
    private final AuditTrail audit;
    private final Clock clock;

    public EmailVerification(UserStore users, VerificationTokens tokens, MailOutbox mail, VerificationMails mails, EmailVerificationConfig config,
                             String verifyUrl, AuditTrail audit, Clock clock) {
        this.users = users;
        this.tokens = tokens;
        this.mail = mail;
        this.mails = mails;
        this.config = config;
        this.verifyUrl = verifyUrl;
        this.audit = audit;
        this.clock = clock;
    }

    public EmailVerificationConfig config() {
        return config;
    }

    /**
     * Mails a new verification link to the user, unless already verified. The token is written on the
     * mail thread (see {@link MailOutbox#enqueue(String, java.util.function.Supplier)}). {@code callbackUrl}
     * must have been checked.
     */
    public void send(User user, String callbackUrl) {
        if (user.emailVerified()) return;
        mail.enqueue("verification mail for user " + user.id(), () -> {
            String token = tokens.issue(user.id(), VerificationPurpose.EMAIL_VERIFICATION, config.expiresIn());
            String link = verifyUrl + "?token=" + token + (callbackUrl == null ? "" : "&callbackURL=" + URLEncoder.encode(callbackUrl, StandardCharsets.UTF_8));
            return mails.verifyEmail(user, link, config.expiresIn());
        });
    }

    /** For a caller without a session: the same (silent) outcome whether or not the address has an account. */
    public void request(String email, String callbackUrl) {
        users.findByEmail(EmailAddress.normalise(email)).ifPresent(user -> send(user, callbackUrl));
    }

    /** For a signed-in caller: mails their own address. @throws PortcullisException {@code EMAIL_ALREADY_VERIFIED} */
    public void requestForSelf(User user, String callbackUrl) {
        if (user.emailVerified()) throw new PortcullisException(ErrorCode.EMAIL_ALREADY_VERIFIED);
        send(user, callbackUrl);
    }

    /**
     * Spends a link's token and marks the email verified.
     *
     * @throws PortcullisException {@code INVALID_TOKEN} or {@code TOKEN_EXPIRED}
     */
    public User verify(String token, Actor actor) {
        String userId = tokens.spend(token, VerificationPurpose.EMAIL_VERIFICATION);
        User before = users.findById(userId).orElseThrow(() -> new PortcullisException(ErrorCode.INVALID_TOKEN));
        // An older link of an address verified since: it succeeds (Better Auth's no-op) and records nothing new.
        if (before.emailVerified()) return before;
        User user = users.markEmailVerified(userId, clock.instant().truncatedTo(ChronoUnit.MILLIS))
                .orElseThrow(() -> new PortcullisException(ErrorCode.INVALID_TOKEN));
        audit.record(AuditType.EMAIL_VERIFIED, userId, actor, Map.of());
        return user;
    }
}
