package io.portcullis.session;

import io.portcullis.config.CookieConfig;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The session cookie's specification: always HttpOnly and {@code Path=/}; Secure and SameSite from
 * configuration; {@code __Host-} prefix when Secure without a Domain; Max-Age tied to the session's
 * {@code expires_at} for remember-me sessions and absent (browser session) otherwise. The
 * {@code XSRF-TOKEN} cookie travels with it.
 */
public final class SessionCookies {
    private final CookieConfig config;
    private final Clock clock;

    public SessionCookies(CookieConfig config, Clock clock) {
        this.config = config;
        this.clock = clock;
    }

    public String name() {
        return config.sessionCookieName();
    }

    public SetCookie issue(String token, Session session) {
        return new SetCookie(name(), token, maxAge(session), true, config.secure(), config.sameSite(), config.domain());
    }

    /** Expires the cookie in the browser (sign-out, revoked or unknown token). */
    public SetCookie clear() {
        return new SetCookie(name(), "", 0L, true, config.secure(), config.sameSite(), config.domain());
    }

    /**
     * The {@code XSRF-TOKEN} cookie that goes with a session cookie: same lifetime, readable by scripts
     * (not HttpOnly) so that they can copy it into the {@code X-XSRF-TOKEN} header, and never sent on
     * cross-site requests ({@code SameSite=Strict}).
     */
    public SetCookie issueCsrf(String token, Session session) {
        return new SetCookie(CsrfToken.COOKIE, CsrfToken.of(token), maxAge(session), false, config.secure(), "Strict", config.domain());
    }

    public SetCookie clearCsrf() {
        return new SetCookie(CsrfToken.COOKIE, "", 0L, false, config.secure(), "Strict", config.domain());
    }

    /**
     * What keeps a browser's cookies in step after its {@code token} was validated: a token that names no
     * valid session gets both cookies expired; a remember-me session whose expiry moved forward gets them
     * again with the new Max-Age; anything else needs none. Shared by every front end (server, filter).
     */
    public List<SetCookie> afterValidation(String token, Optional<AuthenticatedSession> validated) {
        if (token == null) return List.of();
        if (validated.isEmpty()) return List.of(clear(), clearCsrf());
        Session session = validated.get().session();
        if (validated.get().refreshed() && session.rememberMe()) return List.of(issue(token, session), issueCsrf(token, session));
        return List.of();
    }

    /** Seconds until the session expires for remember-me sessions; null (a browser-session cookie) otherwise. */
    private Long maxAge(Session session) {
        if (!session.rememberMe()) return null;
        return Math.max(0, Duration.between(clock.instant(), session.expiresAt()).getSeconds());
    }
}
