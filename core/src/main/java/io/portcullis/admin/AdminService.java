package io.portcullis.admin;

import io.portcullis.ErrorCode;
import io.portcullis.PortcullisException;
import io.portcullis.Timestamps;
import io.portcullis.audit.Actor;
import io.portcullis.audit.AuditEvent;
import io.portcullis.audit.AuditQuery;
import io.portcullis.audit.AuditTrail;
import io.portcullis.audit.AuditType;
import io.portcullis.auth.EmailPasswordAuth;
import io.portcullis.lockout.AccountLockout;
import io.portcullis.notice.SecurityNotices;
import io.portcullis.session.NewSession;
import io.portcullis.session.RevocationReason;
import io.portcullis.session.Session;
import io.portcullis.session.SessionService;
import io.portcullis.user.Roles;
import io.portcullis.user.User;
import io.portcullis.user.UserQuery;
import io.portcullis.user.UserSearch;
import io.portcullis.user.UserStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What administrators (and the command line) may do to other users. Every method checks the actor's
 * permission first, so embedders get the same rules as the HTTP API, and every change is audited
 * with the admin as actor.
 */
public final class AdminService {
    private final AdminPolicy policy;
    private final UserStore users;
    private final UserSearch search;
    private final SessionService sessions;
    private final EmailPasswordAuth passwords;
    private final AccountLockout lockout;
    private final SecurityNotices notices;
    private final AuditTrail audit;
    private final Clock clock;

    public AdminService(AdminPolicy policy, UserStore users, UserSearch search, SessionService sessions,
                        EmailPasswordAuth passwords, AccountLockout lockout, SecurityNotices notices, AuditTrail audit, Clock clock) {
        this.policy = policy;
        this.users = users;
        this.search = search;
        this.sessions = sessions;
        this.passwords = passwords;
        this.lockout = lockout;
        this.notices = notices;
        this.audit = audit;
        this.clock = clock;
    }

    /** The outcome of a role change; {@code rotated} is the caller's new session when they changed their own roles. */
    public record RoleChange(User user, Optional<NewSession> rotated) {}

    /**
     * Checks the permission alone, so that a front end can refuse a non-admin before it even reads the
     * request (every method below checks again).
     *
     * @return the actor, allowed
     */
    public Actor authorize(Actor actor, Permission permission) {
        policy.require(actor, permission);
        return actor;
    }

    public UserSearch.Page listUsers(Actor actor, UserQuery query) {
        policy.require(actor, Permission.LIST_USERS);
        return search.find(query);
    }

    /** {@link #listUsers}, each user with where their account stands in the lockout (one more read for the page). */
    public UsersWithLockout listUsersWithLockout(Actor actor, UserQuery query) {
        UserSearch.Page page = listUsers(actor, query);
        Map<String, AccountLockout.State> states = lockout.states(page.users().stream().map(User::email).toList());
        return new UsersWithLockout(page.users().stream().map(u -> new UserWithLockout(u, states.get(u.email()))).toList(), page.total());
    }

    /** A page of {@link #listUsersWithLockout}: the users on it, and how many match in all. */
    public record UsersWithLockout(List<UserWithLockout> users, long total) {}

    public User getUser(Actor actor, String userId) {
        policy.require(actor, Permission.GET_USER);
        return existing(userId);
    }

    /** A user, and where their account stands in the lockout (which the user object does not hold). */
    public UserWithLockout getUserWithLockout(Actor actor, String userId) {
        User user = getUser(actor, userId);
        return new UserWithLockout(user, lockout.state(user.email()));
    }

    public record UserWithLockout(User user, AccountLockout.State lockout) {}

    public List<Session> listUserSessions(Actor actor, String userId) {
        policy.require(actor, Permission.LIST_USER_SESSIONS);
        return sessions.listLive(existing(userId).id());
    }

    /** Revokes one session of any user by its public id. @return whether it existed */
    public boolean revokeUserSession(Actor actor, String sessionId) {
        policy.require(actor, Permission.REVOKE_USER_SESSIONS);
        return sessions.revokeById(sessionId, actor, RevocationReason.ADMIN).isPresent();
    }

    /** Force logout: every session of the user, on every instance at its next request. @return how many */
    public int revokeUserSessions(Actor actor, String userId) {
        policy.require(actor, Permission.REVOKE_USER_SESSIONS);
        return sessions.revokeAll(existing(userId).id(), actor, RevocationReason.ADMIN);
    }

    /** Bans the user, for {@code expiresIn} or for good (null), and revokes all their sessions. */
    public User ban(Actor actor, String requestedId, String reason, Duration expiresIn) {
        policy.require(actor, Permission.BAN_USERS);
        String userId = existing(requestedId).id();
        if (userId.equals(actor.userId())) throw new PortcullisException(ErrorCode.YOU_CANNOT_BAN_YOURSELF);
        Instant now = now();
        Instant expires = expiresIn == null ? null : now.plus(expiresIn);
        User banned = users.updateBan(userId, true, reason, expires, now).orElseThrow(AdminService::notFound);
        Map<String, Object> detail = new LinkedHashMap<>();
        if (reason != null) detail.put("banReason", reason);
        if (expires != null) detail.put("banExpires", Timestamps.iso(expires));
        audit.record(AuditType.USER_BANNED, userId, actor, detail);
        sessions.revokeAll(userId, actor, RevocationReason.BANNED);
        return banned;
    }

    public User unban(Actor actor, String requestedId) {
        policy.require(actor, Permission.BAN_USERS);
        User user = users.updateBan(existing(requestedId).id(), false, null, null, now()).orElseThrow(AdminService::notFound);
        audit.record(AuditType.USER_UNBANNED, user.id(), actor, Map.of());
        return user;
    }

    /**
     * Sets the user's roles. Any change of roles ends the sessions that were opened under the old ones:
     * another user's are all revoked; a caller changing their own roles gets a rotated session and
     * loses their others.
     */
    public RoleChange setRole(Actor actor, String requestedId, List<String> requested) {
        policy.require(actor, Permission.CHANGE_ROLE);
        List<String> roles = Roles.names(requested);
        String problem = Roles.problem(roles);
        if (problem != null) throw new PortcullisException(ErrorCode.VALIDATION_ERROR, problem);
        User before = existing(requestedId);
        String userId = before.id();
        String role = Roles.join(roles);
        if (Roles.parse(before.role()).equals(Roles.parse(role))) return new RoleChange(before, Optional.empty());
        User after = users.updateRole(userId, role, now()).orElseThrow(AdminService::notFound);
        Map<String, Object> change = Map.of("from", before.role(), "to", role);
        if (!userId.equals(actor.userId())) {
            audit.record(AuditType.ROLE_CHANGED, userId, actor, change);
            sessions.revokeAll(userId, actor, RevocationReason.ROLE_CHANGED);
            return new RoleChange(after, Optional.empty());
        }
        NewSession rotated = sessions.rotate(actor.session(), actor.client());
        Actor rotatedActor = Actor.of(rotated.session(), after, actor.client());
        audit.record(AuditType.ROLE_CHANGED, userId, rotatedActor, change);
        sessions.revokeOthers(userId, rotated.session().id(), rotatedActor, RevocationReason.ROLE_CHANGED);
        return new RoleChange(after, Optional.of(rotated));
    }

    /** Sets the password under the password policy (judged against the target's email and name) and revokes all the user's sessions. */
    public void setUserPassword(Actor actor, String requestedId, String newPassword) {
        policy.require(actor, Permission.SET_PASSWORD);
        User target = existing(requestedId);
        passwords.setPassword(target, newPassword);
        audit.record(AuditType.PASSWORD_CHANGED, target.id(), actor, Map.of("by", "admin"));
        notices.passwordChanged(target.email(), "admin");
        sessions.revokeAll(target.id(), actor, RevocationReason.PASSWORD_SET_BY_ADMIN);
    }

    /** Lifts the account lockout of the user and forgets their failed attempts. @return whether it was locked */
    public boolean unlock(Actor actor, String requestedId) {
        policy.require(actor, Permission.UNLOCK_USERS);
        User user = existing(requestedId);
        boolean wasLocked = lockout.unlock(user.email());
        audit.record(AuditType.ACCOUNT_UNLOCKED, user.id(), actor, Map.of("wasLocked", wasLocked));
        return wasLocked;
    }

    /**
     * Deletes the user and, through the foreign keys, everything of theirs (credentials, sessions,
     * their audit events). The removal event itself keeps only the opaque user id.
     */
    public void removeUser(Actor actor, String requestedId) {
        policy.require(actor, Permission.DELETE_USERS);
        String userId = existing(requestedId).id();
        if (userId.equals(actor.userId())) throw new PortcullisException(ErrorCode.YOU_CANNOT_REMOVE_YOURSELF);
        if (!users.delete(userId)) throw notFound();
        audit.record(AuditType.USER_REMOVED, null, actor, Map.of("removedUserId", userId, "by", "admin"));
    }

    public List<AuditEvent> auditEvents(Actor actor, AuditQuery query) {
        policy.require(actor, Permission.LIST_AUDIT_EVENTS);
        return audit.list(query);
    }

    /**
     * The user named by a request. Every decision and write uses the id read back here, never the
     * request's text: MariaDB compares text without trailing spaces, so there "id " finds the user
     * "id", and a check of the request's text against the caller's id would be fooled.
     */
    private User existing(String requestedId) {
        return users.findById(requestedId).orElseThrow(AdminService::notFound);
    }

    private static PortcullisException notFound() {
        return new PortcullisException(ErrorCode.USER_NOT_FOUND);
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }
}
