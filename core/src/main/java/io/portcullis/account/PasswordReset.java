package io.portcullis.account;

import io.portcullis.audit.Actor;
import io.portcullis.audit.AuditTrail;
import io.portcullis.audit.AuditType;
import io.portcullis.auth.EmailPasswordAuth;
import io.portcullis.auth.NewPassword;
import io.portcullis.config.PasswordResetConfig;
import io.portcullis.db.Database;
import io.portcullis.lockout.AccountLockout;
import io.portcullis.mail.MailOutbox;
import io.portcullis.notice.SecurityNotices;
import io.portcullis.session.ClientInfo;
import io.portcullis.session.RevocationReason;
import io.portcullis.session.SessionService;
import io.portcullis.user.EmailAddress;
import io.portcullis.user.User;
import io.portcullis.user.UserStore;
import io.portcullis.verification.VerificationMails;
import io.portcullis.verification.VerificationPurpose;
import io.portcullis.verification.VerificationTokens;
import io.portcullis.ErrorCode;
import io.portcullis.PortcullisException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * Forgotten passwords: a single-use link mailed to the address, then a new password that ends every
 * session of the user, voids their other reset links and lifts their account lockout.
 */
public final class PasswordReset {
    private final Database database;
    private final UserStore users;
    private final VerificationTokens tokens;
    private final EmailPasswordAuth passwords;
    private final SessionService sessions;
    private final AccountLockout lockout;
    private final MailOutbox mail;
    private final VerificationMails mails;
    private final SecurityNotices notices;
    private final PasswordResetConfig config;
    /** {@code baseUrl + basePath + "/reset-password/"}: the link is this plus the token. */
    private final String resetUrl;
    private final AuditTrail audit;

    public PasswordReset(Database database, UserStore users, VerificationTokens tokens, EmailPasswordAuth passwords, SessionService sessions,
                         AccountLockout lockout, MailOutbox mail, VerificationMails mails, SecurityNotices notices, PasswordResetConfig config,
                         String resetUrl, AuditTrail audit) {
        this.database = database;
        this.users = users;
        this.tokens = tokens;
        this.passwords = passwords;
        this.sessions = sessions;
        this.lockout = lockout;
        this.mail = mail;
        this.mails = mails;
        this.notices = notices;
        this.config = config;
        this.resetUrl = resetUrl;
        this.audit = audit;
    }

    /**
     * Mails a reset link if the address has an account; the caller answers the same either way. A new
     * link voids the older ones. The request itself only looks the address up: the tokens are written
     * on the mail thread, so a known address costs the request no more time than an unknown one.
     * {@code redirectTo} must have been checked.
     */
    public void request(String email, String redirectTo) {
        users.findByEmail(EmailAddress.normalise(email)).ifPresent(user -> mail.enqueue("password reset mail for user " + user.id(), () -> {
            tokens.voidAll(user.id(), VerificationPurpose.PASSWORD_RESET);
            String token = tokens.issue(user.id(), VerificationPurpose.PASSWORD_RESET, config.expiresIn());
            String link = resetUrl + token + (redirectTo == null ? "" : "?callbackURL=" + URLEncoder.encode(redirectTo, StandardCharsets.UTF_8));
            return mails.resetPassword(user, link, config.expiresIn());
        }));
    }

    /** @throws PortcullisException {@code INVALID_TOKEN} unless the link can still be used */
    public void checkUsable(String token) {
        userOf(token);
    }

    /**
     * Sets the new password. The token is spent only once the password passed the policy, and by one
     * request only, however many present it at once.
     *
     * @throws PortcullisException {@code INVALID_TOKEN} or a password-policy code
     */
    public void reset(String token, String newPassword, ClientInfo client) {
        String userId = userOf(token);
        User user = users.findById(userId).orElseThrow(() -> new PortcullisException(ErrorCode.INVALID_TOKEN));
        NewPassword accepted = passwords.newPassword(user, newPassword);
        Actor actor = Actor.anonymous(client);
        // All or nothing: a failure part way (the database gone, say) must not leave the token spent and the
        // password changed while the sessions it was meant to end live on; the same link works again after it.
        boolean twoFactorOn = database.inTransaction(h -> {
            // The password first: it locks the user's row before the token's, in the order of a user's deletion
            // (user, then its tokens by cascade). A reset that finds the token spent meanwhile undoes the password.
            try {
                passwords.setPassword(accepted);
            } catch (PortcullisException e) {
                // Deleted since the token was read: its tokens went with it.
                if (e.code() == ErrorCode.USER_NOT_FOUND) throw new PortcullisException(ErrorCode.INVALID_TOKEN);
                throw e;
            }
            spend(token);
            audit.recordWithAction(AuditType.PASSWORD_RESET, userId, actor, Map.of());
            sessions.revokeAll(userId, actor, RevocationReason.PASSWORD_RESET);
            // Read under the user's lock, which turning two-factor authentication on needs too.
            return users.findById(userId).map(User::twoFactorEnabled).orElse(false);
        });
        // After the commit: inside, it would lock the user's other tokens after this one, the reverse of a new
        // request's voiding, and the two could deadlock. Should it fail, those links expire by themselves.
        tokens.voidAll(userId, VerificationPurpose.PASSWORD_RESET);
        // With two-factor on, the lock also counts wrong codes: lifting it here would let whoever reads
        // the mailbox guess codes without end (reset, five codes, reset again). The lock then runs out.
        if (!twoFactorOn) lockout.unlock(user.email());
        notices.passwordReset(user.email());
    }

    /**
     * The user of a usable reset token. An expired one is {@code INVALID_TOKEN}, as for Better Auth's
     * clients, which know no other code here; the message still says it expired.
     */
    private String userOf(String token) {
        try {
            return tokens.peek(token, VerificationPurpose.PASSWORD_RESET);
        } catch (PortcullisException e) {
            throw expiredIsInvalid(e);
        }
    }

    private void spend(String token) {
        try {
            tokens.spend(token, VerificationPurpose.PASSWORD_RESET);
        } catch (PortcullisException e) {
            throw expiredIsInvalid(e);
        }
    }

    private static PortcullisException expiredIsInvalid(PortcullisException e) {
        return e.code() == ErrorCode.TOKEN_EXPIRED ? new PortcullisException(ErrorCode.INVALID_TOKEN, "This reset link has expired") : e;
    }
}
