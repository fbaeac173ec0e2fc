package io.portcullis.session;

import io.portcullis.config.CookieConfig;
import java.time.Clock;
import java.time.Duration;

/**
 * The session cookie's specification: always HttpOnly and {@code Path=/}; Secure and SameSite from
 * configuration; {@code __Host-} prefix when Secure without a Domain; Max-Age tied to the session's
 * {@code expires_at} for remember-me sessions and absent (browser session) otherwise.
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
        Long maxAge = null;
        if (session.rememberMe()) {
            maxAge = Math.max(0, Duration.between(clock.instant(), session.expiresAt()).getSeconds());
        }
        return new SetCookie(name(), token, maxAge, true, config.secure(), config.sameSite(), config.domain());
    }

    /** Expires the cookie in the browser (sign-out, revoked or unknown token). */
    public SetCookie clear() {
        return new SetCookie(name(), "", 0L, true, config.secure(), config.sameSite(), config.domain());
    }
}
