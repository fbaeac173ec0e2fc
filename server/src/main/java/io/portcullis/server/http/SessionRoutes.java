package io.portcullis.server.http;

import io.javalin.http.Context;
import io.portcullis.ErrorCode;
import io.portcullis.PortcullisException;
import io.portcullis.audit.Actor;
import io.portcullis.session.AuthenticatedSession;
import io.portcullis.session.RevocationReason;
import io.portcullis.session.SessionService;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** The caller's own sessions: get, list, revoke one, revoke all, revoke the others; and its CSRF token. */
final class SessionRoutes {
    /** Session ids are 22 characters; anything far longer cannot name one. */
    private static final int SESSION_ID_MAX = 64;
    private static final String HEX = "0123456789ABCDEF";

    private final CurrentSession current;
    private final SessionService sessions;
    private final CsrfProtection csrf;

    SessionRoutes(CurrentSession current, SessionService sessions, CsrfProtection csrf) {
        this.current = current;
        this.sessions = sessions;
        this.csrf = csrf;
    }

    /** {@code {session, user}} or the literal {@code null}; never 401. */
    void getSession(Context ctx) {
        Optional<AuthenticatedSession> found = current.resolve(ctx);
        if (found.isEmpty()) {
            ctx.contentType("application/json").result("null");
            return;
        }
        AuthenticatedSession s = found.get();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("session", JsonViews.session(s.session(), s.session().id()));
        body.put("user", JsonViews.user(s.user()));
        ctx.json(body);
    }

    /**
     * Forward-auth for reverse proxies (nginx {@code auth_request}, Traefik {@code forwardAuth}): 200
     * with the caller's identity in {@code X-Auth-*} headers for a valid session, else 401. The proxy
     * passes the headers on to the application behind it. When the proxy names the request's method
     * and it is a mutation, the request must pass the CSRF checks too (403).
     */
    void verify(Context ctx) {
        // The proxy asks about a request of the application's, maybe a mutation: the same two CSRF checks as here.
        String method = CsrfProtection.forwardedMethod(ctx);
        csrf.checkForwardedOrigin(ctx, method);
        AuthenticatedSession s = current.resolve(ctx).orElseThrow(() -> new PortcullisException(ErrorCode.UNAUTHORIZED));
        csrf.checkForwardedToken(ctx, method);
        ctx.header("X-Auth-User-Id", s.user().id());
        ctx.header("X-Auth-User-Email", headerValue(s.user().email()));
        ctx.header("X-Auth-User-Role", s.user().role());
        ctx.header("X-Auth-Session-Id", s.session().id());
        ctx.json(Map.of("userId", s.user().id()));
    }

    /**
     * An email as a header value: printable ASCII as it is, and any other byte of its UTF-8 (and
     * {@code %} itself) percent-encoded. A header carries ISO-8859-1 at best, and Jetty writes other
     * characters as spaces, so {@code ā@example.com} and {@code ă@example.com} would reach the
     * application as the same text.
     */
    static String headerValue(String email) {
        boolean plain = true;
        for (int i = 0; i < email.length() && plain; i++) {
            char c = email.charAt(i);
            plain = c > 0x20 && c < 0x7f && c != '%';
        }
        if (plain) return email;
        StringBuilder out = new StringBuilder(email.length() * 3);
        for (byte b : email.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if (c > 0x20 && c < 0x7f && c != '%') out.append((char) c);
            else out.append('%').append(HEX.charAt(c >> 4)).append(HEX.charAt(c & 0xf));
        }
        return out.toString();
    }

    /**
     * {@code {csrfToken}} of the caller's session, whose cookie is sent again too; {@code {csrfToken: null}}
     * without a session, which needs no token.
     */
    void csrf(Context ctx) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("csrfToken", current.csrfToken(ctx).orElse(null));
        ctx.json(body);
    }

    /** The caller's live sessions, newest first, the current one marked. */
    void listSessions(Context ctx) {
        AuthenticatedSession s = current.require(ctx);
        ctx.json(JsonViews.sessions(sessions.listLive(s.user().id()), s.session().id()));
    }

    /** {@code token} (the public id that list-sessions shows) or {@code id}; another user's session is left alone. */
    void revokeSession(Context ctx) {
        Fields f = RequestBody.json(ctx).allowOnly(Set.of("token", "id"));
        String token = f.optionalString("token", SESSION_ID_MAX);
        String id = f.optionalString("id", SESSION_ID_MAX);
        if (!f.given("token") && !f.given("id")) f.problem("token", "Required");
        if (token != null && id != null && !token.equals(id)) f.problem("id", "Must name the same session as token");
        f.validate();
        Actor actor = current.actor(ctx);
        String sessionId = token != null ? token : id;
        sessions.revokeOwn(actor.userId(), sessionId, actor);
        if (sessionId.equals(actor.sessionId())) current.clear(ctx);
        ctx.json(Map.of("status", true));
    }

    void revokeSessions(Context ctx) {
        RequestBody.json(ctx).allowOnly(Set.of());
        Actor actor = current.actor(ctx);
        sessions.revokeAll(actor.userId(), actor, RevocationReason.USER);
        current.clear(ctx);
        ctx.json(Map.of("status", true));
    }

    void revokeOtherSessions(Context ctx) {
        RequestBody.json(ctx).allowOnly(Set.of());
        Actor actor = current.actor(ctx);
        sessions.revokeOthers(actor.userId(), actor.sessionId(), actor, RevocationReason.USER);
        ctx.json(Map.of("status", true));
    }
}
