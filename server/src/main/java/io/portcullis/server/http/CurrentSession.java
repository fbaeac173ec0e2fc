package io.portcullis.server.http;

import io.javalin.http.Context;
import io.portcullis.ErrorCode;
import io.portcullis.PortcullisException;
import io.portcullis.audit.Actor;
import io.portcullis.session.AuthenticatedSession;
import io.portcullis.session.ClientInfo;
import io.portcullis.session.CsrfToken;
import io.portcullis.session.NewSession;
import io.portcullis.session.SessionCookies;
import io.portcullis.session.SessionValidator;
import io.portcullis.session.SetCookie;
import java.util.Optional;

/**
 * The session middleware: the only way routes learn who is calling. It validates the cookie once per
 * request (the result is kept on the request), re-sends the cookie when the session was refreshed,
 * and expires a cookie that no longer names a valid session.
 */
final class CurrentSession {
    private static final String ATTRIBUTE = CurrentSession.class.getName();

    private final SessionValidator validator;
    private final SessionCookies cookies;

    CurrentSession(SessionValidator validator, SessionCookies cookies) {
        this.validator = validator;
        this.cookies = cookies;
    }

    /** @throws PortcullisException {@code SERVICE_UNAVAILABLE} when the database cannot answer: never a pass */
    Optional<AuthenticatedSession> resolve(Context ctx) {
        Optional<AuthenticatedSession> cached = ctx.attribute(ATTRIBUTE);
        if (cached != null) return cached;
        String token = ctx.cookie(cookies.name());
        Optional<AuthenticatedSession> result = token == null ? Optional.empty() : validator.validate(token);
        for (SetCookie cookie : cookies.afterValidation(token, result)) setCookie(ctx, cookie);
        ctx.attribute(ATTRIBUTE, result);
        return result;
    }

    /** @throws PortcullisException {@code UNAUTHORIZED} without a valid session */
    AuthenticatedSession require(Context ctx) {
        return resolve(ctx).orElseThrow(() -> new PortcullisException(ErrorCode.UNAUTHORIZED));
    }

    /** The signed-in caller as an actor, for actions that are checked and audited. @throws PortcullisException {@code UNAUTHORIZED} */
    Actor actor(Context ctx) {
        return Actor.of(require(ctx), client(ctx));
    }

    static ClientInfo client(Context ctx) {
        return new ClientInfo(ClientAddresses.of(ctx).ip(), ctx.header("User-Agent"));
    }

    /** Sends a new session's cookie (sign-in, rotation). */
    void issue(Context ctx, NewSession session) {
        setCookie(ctx, cookies.issue(session.token(), session.session()));
        setCookie(ctx, cookies.issueCsrf(session.token(), session.session()));
    }

    /** Expires the session cookie and its CSRF cookie (sign-out, revocation of the caller's own session). */
    void clear(Context ctx) {
        setCookie(ctx, cookies.clear());
        setCookie(ctx, cookies.clearCsrf());
    }

    /** The CSRF token of the caller's valid session, and its cookie sent again; empty without a session. */
    Optional<String> csrfToken(Context ctx) {
        Optional<AuthenticatedSession> session = resolve(ctx);
        if (session.isEmpty()) return Optional.empty();
        String token = token(ctx);
        setCookie(ctx, cookies.issueCsrf(token, session.get().session()));
        return Optional.of(CsrfToken.of(token));
    }

    /** The raw cookie value, for sign-out; never logged or echoed. */
    String token(Context ctx) {
        return ctx.cookie(cookies.name());
    }

    static void setCookie(Context ctx, SetCookie cookie) {
        ctx.res().addHeader("Set-Cookie", cookie.headerValue());
        ctx.header("Cache-Control", "no-store");
    }
}
