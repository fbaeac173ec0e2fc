package io.portcullis.session;

import io.portcullis.Ids;
import io.portcullis.config.SessionConfig;
import io.portcullis.user.User;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

/** Creating, listing and revoking sessions. Validation of a presented token is {@link SessionValidator}'s job. */
public final class SessionService {
    private final SessionStore store;
    private final SessionConfig config;
    private final Clock clock;

    public SessionService(SessionStore store, SessionConfig config, Clock clock) {
        this.store = store;
        this.config = config;
        this.clock = clock;
    }

    /** A brand-new session with a fresh token: nothing presented before sign-in is ever promoted. */
    public NewSession create(User user, boolean rememberMe, ClientInfo client, String authMethod) {
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        Instant absolute = now.plus(config.absoluteTimeout());
        Instant idle = now.plus(config.idleTimeoutFor(rememberMe));
        Session session = new Session(Ids.newId(), user.id(), now, now, idle.isBefore(absolute) ? idle : absolute, absolute,
                rememberMe, client.ipAddress(), client.userAgent(), authMethod);
        String token = SessionToken.generate();
        store.insert(session, SessionToken.hash(token));
        return new NewSession(token, session);
    }

    /** Deletes the session of this token, if any. @return whether a row was deleted */
    public boolean revoke(String token) {
        return SessionToken.isWellFormed(token) && store.deleteByTokenHash(SessionToken.hash(token));
    }

    /** The user's live sessions, newest first. */
    public List<Session> listLive(String userId) {
        return store.listLive(userId, clock.instant().truncatedTo(ChronoUnit.MILLIS));
    }
}
