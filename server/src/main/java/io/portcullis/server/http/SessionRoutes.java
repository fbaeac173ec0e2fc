package io.portcullis.server.http;

import io.javalin.http.Context;
import io.portcullis.session.AuthenticatedSession;
import io.portcullis.session.SessionService;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** {@code GET /get-session} and {@code GET /list-sessions}. */
final class SessionRoutes {
    private final CurrentSession current;
    private final SessionService sessions;

    SessionRoutes(CurrentSession current, SessionService sessions) {
        this.current = current;
        this.sessions = sessions;
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

    /** The caller's live sessions, newest first, the current one marked. */
    void listSessions(Context ctx) {
        AuthenticatedSession s = current.require(ctx);
        ctx.json(sessions.listLive(s.user().id()).stream()
                .map(row -> JsonViews.session(row, s.session().id()))
                .toList());
    }
}
