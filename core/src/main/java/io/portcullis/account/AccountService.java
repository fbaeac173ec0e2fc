package io.portcullis.account;

import io.portcullis.ErrorCode;
import io.portcullis.PortcullisException;
import io.portcullis.audit.Actor;
import io.portcullis.audit.AuditEvent;
import io.portcullis.audit.AuditQuery;
import io.portcullis.audit.AuditTrail;
import io.portcullis.audit.AuditType;
import io.portcullis.auth.EmailPasswordAuth;
import io.portcullis.auth.NewPassword;
import io.portcullis.db.Database;
import io.portcullis.notice.SecurityNotices;
import io.portcullis.session.AuthenticatedSession;
import io.portcullis.session.NewSession;
import io.portcullis.session.RevocationReason;
import io.portcullis.session.SessionService;
import io.portcullis.user.User;
import io.portcullis.user.UserStore;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

/** What signed-in users do to their own account: profile, password, deletion. */
public final class AccountService {
    private final Database database;
    private final UserStore users;
    private final SessionService sessions;
    private final EmailPasswordAuth passwords;
    private final SecurityNotices notices;
    private final AuditTrail audit;
    private final Clock clock;

    public AccountService(Database database, UserStore users, SessionService sessions, EmailPasswordAuth passwords, SecurityNotices notices,
                          AuditTrail audit, Clock clock) {
        this.database = database;
        this.users = users;
        this.sessions = sessions;
        this.passwords = passwords;
        this.notices = notices;
        this.audit = audit;
        this.clock = clock;
    }

    /** The user after a password change, with the session that replaced the caller's. */
    public record PasswordChanged(User user, NewSession session) {}

    /** Changes name and/or image; an absent field (null {@code name}, false {@code setImage}) keeps its value. */
    public User updateProfile(AuthenticatedSession caller, String name, boolean setImage, String image) {
        User user = caller.user();
        return users.updateProfile(user.id(), name == null ? user.name() : name, setImage ? image : user.image(),
                        clock.instant().truncatedTo(ChronoUnit.MILLIS))
                .orElseThrow(() -> new PortcullisException(ErrorCode.UNAUTHORIZED));
    }

    /**
     * Checks the current password, sets the new one, rotates the caller's session and, unless told
     * otherwise, revokes every other session of the user.
     *
     * @throws PortcullisException {@code INVALID_PASSWORD} for a wrong current password, {@code ACCOUNT_LOCKED}, or a
     *     password-policy code
     */
    public PasswordChanged changePassword(Actor actor, String currentPassword, String newPassword, boolean revokeOtherSessions) {
        AuthenticatedSession caller = actor.session();
        String userId = caller.user().id();
        passwords.checkPassword(actor, currentPassword);
        NewPassword accepted = passwords.newPassword(caller.user(), newPassword);
        // All or nothing, rotation first: if the caller's session was revoked meanwhile, that fails and nothing has
        // changed; a failure after it undoes the rotation too, so the caller keeps a working cookie.
        NewSession rotated = database.inTransaction(h -> {
            NewSession session = sessions.rotate(caller, actor.client());
            passwords.setPassword(accepted);
            Actor after = Actor.of(session.session(), caller.user(), actor.client());
            audit.recordWithAction(AuditType.PASSWORD_CHANGED, userId, after, Map.of("by", "self"));
            if (revokeOtherSessions) sessions.revokeOthers(userId, session.session().id(), after, RevocationReason.PASSWORD_CHANGED);
            return session;
        });
        notices.passwordChanged(caller.user().email(), "self");
        return new PasswordChanged(caller.user(), rotated);
    }

    /** The most recent security events of the caller's own account, newest first (at most {@code limit}). */
    public List<AuditEvent> securityEvents(AuthenticatedSession caller, int limit) {
        return audit.list(new AuditQuery(caller.user().id(), null, null, null, limit));
    }

    /**
     * Deletes the caller's account after checking the password. Credentials, sessions and the user's
     * audit events go with it through the foreign keys; the event of the deletion keeps only the
     * opaque user id.
     */
    public void delete(Actor actor, String password) {
        String userId = actor.userId();
        passwords.checkPassword(actor, password);
        users.delete(userId);
        audit.record(AuditType.USER_REMOVED, null, Actor.anonymous(actor.client()), Map.of("removedUserId", userId, "by", "self"));
    }
}
