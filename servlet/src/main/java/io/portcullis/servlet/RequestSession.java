package io.portcullis.servlet;

import io.portcullis.session.AuthenticatedSession;
import io.portcullis.session.SessionCookies;
import io.portcullis.session.SessionValidator;
import io.portcullis.session.SetCookie;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Optional;

/**
 * The session of a request, from its cookie, through core's validator (one database read), keeping
 * the browser's cookies in step the way the server does: a cookie that names no valid session is
 * expired, and a remember-me session whose expiry moved forward gets its cookies sent again.
 */
final class RequestSession {
    private final SessionValidator validator;
    private final SessionCookies cookies;

    RequestSession(SessionValidator validator, SessionCookies cookies) {
        this.validator = validator;
        this.cookies = cookies;
    }

    /** The raw session cookie value, or null; never logged or echoed. */
    String token(HttpServletRequest request) {
        Cookie[] all = request.getCookies();
        if (all == null) return null;
        for (Cookie cookie : all) {
            if (cookie.getName().equals(cookies.name())) return cookie.getValue();
        }
        return null;
    }

    /** @throws io.portcullis.PortcullisException {@code SERVICE_UNAVAILABLE} when the database cannot answer: never a pass */
    Optional<AuthenticatedSession> resolve(String token, HttpServletResponse response) {
        if (token == null) return Optional.empty();
        Optional<AuthenticatedSession> result = validator.validate(token);
        for (SetCookie cookie : cookies.afterValidation(token, result)) setCookie(response, cookie);
        return result;
    }

    private static void setCookie(HttpServletResponse response, SetCookie cookie) {
        // As a header, not through jakarta.servlet.http.Cookie: the attributes (SameSite, Max-Age 0 with
        // Expires) must be exactly the server's.
        response.addHeader("Set-Cookie", cookie.headerValue());
        response.setHeader("Cache-Control", "no-store");
    }
}
