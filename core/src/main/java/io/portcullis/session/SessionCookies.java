package io.portcullis.session;

import io.portcullis.config.CookieConfig;
import java.time.Clock;
import java.time.Duration;

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

    /** Seconds until the session expires for remember-me sessions; null (a browser-session cookie) otherwise. */
    private Long maxAge(Session session) {
        if (!session.rememberMe()) return null;
        return Math.max(0, Duration.between(clock.instant(), session.expiresAt()).getSeconds());
    }
}
