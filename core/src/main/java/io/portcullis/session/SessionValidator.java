package io.portcullis.session;

import io.portcullis.config.SessionConfig;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

/**
 * The hot path, shared by every protected route: token → SHA-256 → one indexed read (session joined
 * with its user; the reads of concurrent requests are made together, see {@link CoalescingLookup}) →
 * expiry checked against the clock. A write happens only when the stored activity
 * is at least {@code updateAge} old, and then it is a single conditional UPDATE. Any other request
 * does no write at all. Expired rows are treated as absent; the cleanup job reclaims them.
 */
public final class SessionValidator {
    /**
     * One read at a time: requests that arrive while it runs wait for the next one, which answers them
     * all. On two cores this served the most requests per second; with two concurrent reads the reads
     * answered fewer than two requests each on average (see docs/performance.md, "Shared reads").
     */
    static final int CONCURRENT_READS = 1;
    /**
     * A read normally takes well under a millisecond; a request whose token waited this long behind one
     * reads alone, so that a stuck read delays the others by this much at most.
     */
    static final Duration MAX_QUEUE_WAIT = Duration.ofMillis(250);

    private final SessionStore store;
    private final CoalescingLookup<String, SessionStore.SessionOfUser> lookups;
    private final SessionConfig config;
    private final Clock clock;

    public SessionValidator(SessionStore store, SessionConfig config, Clock clock) {
        this.store = store;
        this.lookups = new CoalescingLookup<>(store::findByTokenHashes, SessionStore.MAX_TOKENS_PER_READ, CONCURRENT_READS,
                MAX_QUEUE_WAIT);
        this.config = config;
        this.clock = clock;
    }

    /**
     * @return the valid session and its user, or empty for a missing, malformed, unknown or expired token
     * @throws io.portcullis.PortcullisException {@code SERVICE_UNAVAILABLE} when the database cannot answer
     */
    public Optional<AuthenticatedSession> validate(String token) {
        if (!SessionToken.isWellFormed(token)) return Optional.empty();
        Optional<SessionStore.SessionOfUser> found = lookups.find(SessionToken.hash(token));
        if (found.isEmpty()) return Optional.empty();
        Session session = found.get().session();
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        // A banned user's sessions were revoked with the ban; refusing them here too closes the race with
        // a sign-in that was finishing at that moment, at no cost (the user is read anyway).
        if (!session.isValidAt(now) || found.get().user().isBannedAt(now)) return Optional.empty();
        if (Duration.between(session.lastActiveAt(), now).compareTo(config.updateAge()) < 0) {
            return Optional.of(new AuthenticatedSession(session, found.get().user(), false));
        }
        return Optional.of(refresh(session, found.get(), now));
    }

    private AuthenticatedSession refresh(Session session, SessionStore.SessionOfUser found, Instant now) {
        Instant idleExpiry = now.plus(config.idleTimeoutFor(session.rememberMe()));
        Instant expiresAt = idleExpiry.isBefore(session.absoluteExpiresAt()) ? idleExpiry : session.absoluteExpiresAt();
        boolean written = store.touch(session.id(), now, expiresAt, now.minus(config.updateAge()));
        // Not written: a concurrent request refreshed it first; its values are as new as ours.
        Session current = written ? session.withActivity(now, expiresAt) : session;
        return new AuthenticatedSession(current, found.user(), written);
    }
}
