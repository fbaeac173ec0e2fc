package io.portcullis.session;

import io.portcullis.Ids;
import io.portcullis.audit.Actor;
import io.portcullis.audit.AuditTrail;
import io.portcullis.audit.AuditType;
import io.portcullis.config.SessionConfig;
import io.portcullis.user.User;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Creating, rotating, listing and revoking sessions. Validation of a presented token is
 * {@link SessionValidator}'s job. Every revocation is a DELETE, so the next request with that token
 * is refused on every instance, and writes one audit event.
 */
public final class SessionService {
    private final SessionStore store;
    private final SessionConfig config;
    private final AuditTrail audit;
    private final Clock clock;

    public SessionService(SessionStore store, SessionConfig config, AuditTrail audit, Clock clock) {
        this.store = store;
        this.config = config;
        this.audit = audit;
        this.clock = clock;
    }

    /**
     * A brand-new session with a fresh token: nothing presented before sign-in is ever promoted. With
     * {@code session.maxPerUser} set, the cap is enforced here, atomically; the precondition is
     * checked under the same lock.
     *
     * @throws io.portcullis.PortcullisException {@code TOO_MANY_SESSIONS} at the cap with {@code session.overflow=reject}
     */
    public NewSession create(User user, boolean rememberMe, ClientInfo client, String authMethod, SessionPrecondition precondition) {
        Session session = newSession(user.id(), rememberMe, client, authMethod);
        String token = SessionToken.generate();
        // An evicted session's event commits with its eviction, as a sign-in's success does with its session.
        store.create(session, SessionToken.hash(token), precondition, config.maxPerUser(),
                config.overflow() == SessionConfig.Overflow.EVICT_OLDEST, evicted -> {
                    Actor newcomer = Actor.of(session, user, client);
                    for (String id : evicted) {
                        audit.recordWithAction(AuditType.SESSION_REVOKED, user.id(), newcomer, revocation(RevocationReason.SESSION_LIMIT, 1, id));
                    }
                });
        return new NewSession(token, session);
    }

    /**
     * Replaces the caller's session with a new one (new id, new token, new lifetimes; same
     * remember-me choice), for privilege changes.
     */
    public NewSession rotate(AuthenticatedSession current, ClientInfo client) {
        Session old = current.session();
        Session session = newSession(old.userId(), old.rememberMe(), client, old.authMethod());
        String token = SessionToken.generate();
        store.replace(old.id(), session, SessionToken.hash(token));
        return new NewSession(token, session);
    }

    private Session newSession(String userId, boolean rememberMe, ClientInfo client, String authMethod) {
        Instant now = now();
        Instant absolute = now.plus(config.absoluteTimeout());
        Instant idle = now.plus(config.idleTimeoutFor(rememberMe));
        return new Session(Ids.newId(), userId, now, now, idle.isBefore(absolute) ? idle : absolute, absolute,
                rememberMe, client.ipAddress(), client.userAgent(), authMethod);
    }

    /** Ends the session of this token, if it exists, expired or not (sign-out). @return the ended session, with its user */
    public Optional<AuthenticatedSession> end(String token) {
        if (!SessionToken.isWellFormed(token)) return Optional.empty();
        return store.findByTokenHash(SessionToken.hash(token))
                .filter(found -> store.deleteById(found.session().id()))
                .map(found -> new AuthenticatedSession(found.session(), found.user(), false));
    }

    /** Revokes one of the user's own sessions by its public id; another user's session is never touched. */
    public boolean revokeOwn(String userId, String sessionId, Actor actor) {
        boolean deleted = store.deleteByIdOfUser(sessionId, userId);
        if (deleted) auditRevoked(userId, actor, RevocationReason.USER, 1, sessionId);
        return deleted;
    }

    /** Revokes every session of the user. @return how many there were */
    public int revokeAll(String userId, Actor actor, RevocationReason reason) {
        int deleted = store.deleteAllOfUser(userId);
        // An administrator's force logout is recorded even when there was nothing to end.
        if (deleted > 0 || reason == RevocationReason.ADMIN) auditRevoked(userId, actor, reason, deleted, null);
        return deleted;
    }

    /** Revokes every session of the user but {@code keepSessionId}. */
    public int revokeOthers(String userId, String keepSessionId, Actor actor, RevocationReason reason) {
        int deleted = store.deleteOthersOfUser(userId, keepSessionId);
        if (deleted > 0) auditRevoked(userId, actor, reason, deleted, null);
        return deleted;
    }

    /** Revokes any session by its public id (administrators). @return the revoked session */
    public Optional<Session> revokeById(String sessionId, Actor actor, RevocationReason reason) {
        Optional<Session> found = store.findById(sessionId).filter(s -> store.deleteById(s.id()));
        found.ifPresent(s -> auditRevoked(s.userId(), actor, reason, 1, s.id()));
        return found;
    }

    /** The user's live sessions, newest first. */
    public List<Session> listLive(String userId) {
        return store.listLive(userId, now());
    }

    private void auditRevoked(String userId, Actor actor, RevocationReason reason, int count, String revokedSessionId) {
        audit.record(AuditType.SESSION_REVOKED, userId, actor, revocation(reason, count, revokedSessionId));
    }

    private static Map<String, Object> revocation(RevocationReason reason, int count, String revokedSessionId) {
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("reason", reason.wireName());
        detail.put("count", count);
        if (revokedSessionId != null) detail.put("revokedSessionId", revokedSessionId);
        return detail;
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }
}
